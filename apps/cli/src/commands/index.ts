import type { Command } from '../command';
import { demoCommand } from './demo';
import { importCommand } from './import';
import { linkCommand } from './link';
import { namesKeyCommand } from './names-key';
import { connectorNewCommand } from './connector-new';
import { connectorInferCommand } from './connector-infer';
import { evalCommand } from './eval';
import { reviewDecideCommand, reviewListCommand } from './review';
import { gaijiImportCommand, gaijiListCommand } from './gaiji';
import { judgeCommand } from './judge';
import { rulesCheckCommand, rulesPublishCommand, rulesTestCommand } from './rules';
import { serveCommand } from './serve';
import { userAddCommand } from './user-add';
import { auditVerifyCommand } from './audit-verify';

/** Every `mimamori` sub-command. */
export const commands: readonly Command[] = [
  demoCommand,
  importCommand,
  linkCommand,
  namesKeyCommand,
  connectorNewCommand,
  connectorInferCommand,
  evalCommand,
  reviewListCommand,
  reviewDecideCommand,
  gaijiImportCommand,
  gaijiListCommand,
  judgeCommand,
  rulesCheckCommand,
  rulesTestCommand,
  rulesPublishCommand,
  serveCommand,
  userAddCommand,
  auditVerifyCommand,
];
