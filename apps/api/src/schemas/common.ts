import { z } from '@hono/zod-openapi';

/** RFC 9457 problem details with our stable `code`: every error the API answers. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    code: z.string(),
    /** Field problems at JSON pointers; `messageJa` where staff read them in Japanese. */
    errors: z
      .array(
        z.object({
          path: z.string(),
          message: z.string(),
          code: z.string().optional(),
          messageJa: z.string().optional(),
        }),
      )
      .optional(),
  })
  .openapi('Problem');
/** One problem document. */
export type Problem = z.infer<typeof problemSchema>;

/**
 * An opaque id in a path: short, URL-safe, no dots or slashes (path tricks answer 400).
 * @example idSchema.parse('c_01h9…')
 */
export const idSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'expected an id of letters, digits, _ or -');

/** `/{id}` path parameter. */
export const idParamSchema = z.object({
  id: idSchema.openapi({ param: { name: 'id', in: 'path' } }),
});

/** Paging query: `limit` (1–500, default 100) and `offset`. */
export const pagingQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

/** A paged list: a JSON array, with the number of all matches in `x-total-count`. */
export function pagedResponse<T extends z.ZodType>(item: T, description: string) {
  return {
    description,
    headers: z.object({
      'x-total-count': z.string().openapi({ description: 'Rows matching the filter' }),
    }),
    content: { 'application/json': { schema: z.array(item) } },
  } as const;
}

/** Empty success body. */
export const okSchema = z.object({ ok: z.literal(true) }).openapi('Ok');

/** Standard error responses every route may answer (documented once, reused). */
export const problemResponses = {
  400: {
    description: 'Invalid request',
    content: { 'application/problem+json': { schema: problemSchema } },
  },
  401: {
    description: 'Not signed in',
    content: { 'application/problem+json': { schema: problemSchema } },
  },
  403: {
    description: 'Not allowed',
    content: { 'application/problem+json': { schema: problemSchema } },
  },
  404: {
    description: 'Not found',
    content: { 'application/problem+json': { schema: problemSchema } },
  },
} as const;

/** A JSON request body (required). */
export function jsonBody<T extends z.ZodType>(schema: T) {
  return { required: true, content: { 'application/json': { schema } } } as const;
}

/** A JSON 200/201 response. */
export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } } as const;
}
