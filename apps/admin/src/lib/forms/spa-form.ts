/**
 * Superforms in SPA mode for the admin's data-entry forms: the zod schema validates in the
 * browser, a valid form is sent with the typed API functions, and an API problem (RFC 9457)
 * is shown at the field its pointer names and at the form.
 */
import {
  defaults,
  setError,
  setMessage,
  superForm,
  type Infer,
  type InferIn,
  type SuperValidated,
} from 'sveltekit-superforms';
import { zod4, type ZodValidationSchema } from 'sveltekit-superforms/adapters';
import { ApiError } from '../api-client';
import { errorText } from '../error-text';
import { lang } from '../i18n/index.svelte';
import { problemFieldText, topLevelField } from './problem-fields';

/** A message for the whole form: a success note or what went wrong. */
export type FormMessage = { kind: 'ok' | 'error'; text: string };

/** The validated form `submit` receives; it may change `data` (e.g. clear fields once sent). */
export type SentForm<S extends ZodValidationSchema> = SuperValidated<
  Infer<S, 'zod4'>,
  FormMessage,
  InferIn<S, 'zod4'>
>;

export type SpaFormOptions<S extends ZodValidationSchema> = {
  schema: S;
  /** Starting values (the schema's own defaults fill in the rest). */
  initial: Partial<Infer<S, 'zod4'>>;
  /** Needed when the same form can be on a page more than once. */
  id?: string;
  /** Sends a valid form; a returned text is shown as the success message. */
  submit: (data: Infer<S, 'zod4'>, form: SentForm<S>) => Promise<string | undefined>;
  /** The form's message when the call fails (default: {@link errorText}). */
  failure?: (cause: unknown) => string;
  /** The form's message when the form is invalid (default: none, the fields say it). */
  invalid?: () => string;
  /** Where a problem's JSON Pointer is in the form (default: the top-level field it names). */
  fieldOf?: (pointer: string, data: Infer<S, 'zod4'>) => string | undefined;
  /** `'json'` for nested data (arrays of objects). */
  dataType?: 'form' | 'json';
};

/**
 * A client-side superform: nothing is posted to SvelteKit, `submit` calls the API.
 * @example
 * const { form, errors, message, enhance, submitting } = spaForm({
 *   schema: observationSchema,
 *   initial: { observedOn: today(), text: '', supportNeeded: false },
 *   async submit(data) {
 *     await sheets.observe(sheetId, observationInput(data));
 *     return t('observation.saved');
 *   },
 * });
 */
export function spaForm<S extends ZodValidationSchema>(options: SpaFormOptions<S>) {
  const adapter = zod4(options.schema);
  const initial = defaults<Infer<S, 'zod4'>, FormMessage, InferIn<S, 'zod4'>>(
    options.initial,
    adapter,
    options.id === undefined ? {} : { id: options.id },
  );
  return superForm(initial, {
    SPA: true,
    validators: adapter,
    dataType: options.dataType ?? 'form',
    // `submit` decides what to clear, and the page reloads what the call changed.
    resetForm: false,
    invalidateAll: false,
    applyAction: false,
    async onUpdate({ form }) {
      if (!form.valid) {
        if (options.invalid) setMessage(form, { kind: 'error', text: options.invalid() });
        return;
      }
      try {
        const text = await options.submit(form.data, form);
        if (text !== undefined) setMessage(form, { kind: 'ok', text });
      } catch (cause) {
        showProblem(form, cause, options);
      }
    },
  });
}

/** Field problems at their fields, and the problem itself at the form. */
function showProblem<S extends ZodValidationSchema>(
  form: SentForm<S>,
  cause: unknown,
  options: SpaFormOptions<S>,
): void {
  if (cause instanceof ApiError) {
    const fieldOf = options.fieldOf ?? topLevelField;
    for (const problem of cause.problem.errors ?? []) {
      const path = fieldOf(problem.path, form.data);
      if (path !== undefined)
        setError(
          form as SuperValidated<Record<string, unknown>>,
          path,
          problemFieldText(problem, lang()),
        );
    }
  }
  setMessage(form, { kind: 'error', text: (options.failure ?? errorText)(cause) }, { status: 400 });
}
