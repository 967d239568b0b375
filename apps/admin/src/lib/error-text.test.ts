import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './api-client';
import { errorText } from './error-text';
import { ja } from './i18n/ja';

// The runes module needs the Svelte compiler; the Japanese dictionary stands in for it here.
vi.mock('./i18n/index.svelte', async () => {
  const dictionary: Record<string, string> = (await import('./i18n/ja')).ja;
  return {
    t: (key: string) => dictionary[key],
    tOr: (key: string, fallback: string) => dictionary[key] ?? fallback,
  };
});

function problem(status: number, code: string): ApiError {
  return new ApiError({
    type: `urn:mimamori:problem:${code}`,
    title: 'x',
    status,
    code,
    detail: 'No such child.',
  });
}

describe('errorText', () => {
  afterEach(() => vi.restoreAllMocks());

  it('gives the Japanese message of a known code', () => {
    expect(errorText(problem(404, 'not_found'))).toBe(ja['error.code.not_found']);
  });

  it('gives the general message for an unknown code, never the detail or the code', () => {
    const text = errorText(problem(409, 'something_new'));
    expect(text).toBe(ja['error.unexpected']);
    expect(text).not.toContain('something_new');
    expect(text).not.toContain('No such child');
  });

  it('keeps the fixed messages for refusals and network failures', () => {
    expect(errorText(problem(403, 'forbidden'))).toBe(ja['error.forbidden']);
    expect(errorText(problem(401, 'unauthenticated'))).toBe(ja['error.signedOut']);
    expect(errorText(problem(0, 'network'))).toBe(ja['error.network']);
  });

  it('logs a JavaScript error and shows the general message instead', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const cause = new TypeError("Cannot read properties of undefined (reading 'x')");
    const text = errorText(cause);
    expect(text).toBe(ja['error.unexpected']);
    expect(text).not.toContain('Cannot read');
    expect(log).toHaveBeenCalledWith(cause);
  });
});
