import type { AppContext } from '../context';
import { ApiError } from '../problem';

/**
 * Refuses a rule set that reads a fact with no declared purpose of use, legal basis and retention
 * (or a fact no connector declares): what residents are told must stay true (issue 8).
 */
export async function requireDeclaredPurposes(ctx: AppContext, document: unknown): Promise<void> {
  const problems = await ctx.deps.inventory.checkPublishable(document);
  if (problems.length === 0) return;
  const facts = [...new Set(problems.map((p) => p.factId))].sort();
  throw new ApiError(
    422,
    'undeclared_purpose',
    `These facts have no declared purpose of use, legal basis or retention: ${facts.join(', ')}. ` +
      `利用目的・法的根拠・保存期間が宣言されていない項目があります: ${facts.join('、')}`,
    {
      errors: problems.slice(0, 200).map((p) => ({
        path: `/rules/${p.ruleId}/facts/${p.factId}`,
        message: p.message,
        code: p.code,
        messageJa: p.messageJa,
      })),
    },
  );
}

/**
 * What a draft passes before it is published, or before approval is asked for it: it
 * validates (422 `invalid_rule_set`), its rule test cases pass (422 `tests_failed`) and every
 * fact it reads has a declared purpose (422 `undeclared_purpose`).
 */
export async function requirePublishable(
  ctx: AppContext,
  ruleSetId: string,
  document: unknown,
): Promise<void> {
  const validation = ctx.deps.engine.validate(document);
  if (!validation.ok) {
    throw new ApiError(422, 'invalid_rule_set', 'The draft does not validate.', {
      errors: validation.errors.map((e) => ({ path: e.path, message: e.message })),
    });
  }
  const failed = (await ctx.deps.engine.test(ruleSetId, document)).filter((t) => !t.passed);
  if (failed.length > 0) {
    throw new ApiError(422, 'tests_failed', 'Some rule test cases fail.', {
      errors: failed.map((t) => ({ path: `/cases/${t.name}`, message: 'failed' })),
    });
  }
  await requireDeclaredPurposes(ctx, document);
}

/**
 * Refuses a direct publish (or rollback) of a rule set that requires a second person's approval
 * (409 `approval_required`): the caller asks for approval instead.
 */
export async function requireNoApproval(ctx: AppContext, ruleSetId: string): Promise<void> {
  if ((await ctx.deps.ruleSets.approvalRequired(ruleSetId)) !== true) return;
  throw new ApiError(
    409,
    'approval_required',
    "Publishing this rule set needs a second person's approval: request approval instead. " +
      'このルールセットの公開には別の職員の承認が必要です。承認を依頼してください。',
  );
}
