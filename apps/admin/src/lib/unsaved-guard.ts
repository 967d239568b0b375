/**
 * Asks before unsaved work is lost: a link, Back/Forward or `goto` away from the page asks for
 * confirmation, and closing the tab or reloading gets the browser's own "leave site?" prompt
 * (SvelteKit turns a cancelled `leave` navigation into the `beforeunload` prompt). The page's
 * own navigations (after saving) pass through `allow`.
 */
import { beforeNavigate } from '$app/navigation';

export type UnsavedGuard = {
  /** Runs `navigate` (the page's own `goto`) without asking. */
  allow<T>(navigate: () => Promise<T>): Promise<T>;
};

/**
 * Call during component initialisation.
 * @example
 * const guard = guardUnsaved(() => dirty, () => t('editor.confirmLeave'));
 * await guard.allow(() => goto(`?draft=${id}`));
 */
export function guardUnsaved(isDirty: () => boolean, question: () => string): UnsavedGuard {
  let own = 0;
  beforeNavigate((navigation) => {
    if (own > 0 || !isDirty()) return;
    // The browser asks by itself on unload; a confirm() there would not be shown.
    if (navigation.type === 'leave') navigation.cancel();
    else if (!confirm(question())) navigation.cancel();
  });
  return {
    async allow(navigate) {
      own++;
      try {
        return await navigate();
      } finally {
        own--;
      }
    },
  };
}
