/**
 * Where a form shows what went wrong: inline at a field (`aria-invalid`, `aria-describedby`)
 * or, for an API problem whose pointer names no field of the form, at the form.
 */

/**
 * The form field an API problem points at: the first segment of its JSON Pointer, when the
 * form has a field of that name (`/attendees/0` → `attendees`).
 * @example topLevelField('/reason', { reason: '' }) // 'reason'
 */
export function topLevelField(pointer: string, data: object): string | undefined {
  const name = pointer.split('/')[1];
  return name !== undefined && name !== '' && Object.hasOwn(data, name) ? name : undefined;
}

/** A field problem's message in the UI language (Japanese when the API has one). */
export function problemFieldText(
  problem: { message: string; messageJa?: string | undefined },
  lang: 'ja' | 'en',
): string {
  return lang === 'ja' ? (problem.messageJa ?? problem.message) : problem.message;
}

/** The id of the message that describes field `id`. */
export function errorId(id: string): string {
  return `${id}-error`;
}

/**
 * Attributes that tie an invalid input to its message (nothing while the field is valid).
 * @example <input id="mt-summary" {...fieldAria('mt-summary', $errors.summary)} />
 */
export function fieldAria(
  id: string,
  messages: readonly string[] | undefined,
): { 'aria-invalid'?: 'true'; 'aria-describedby'?: string } {
  return messages?.length ? { 'aria-invalid': 'true', 'aria-describedby': errorId(id) } : {};
}
