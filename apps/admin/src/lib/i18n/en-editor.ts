/** English messages of the rule editor's safeguards and error places: the keys of `jaEditor`. */
import type { jaEditor } from './ja-editor';

export const enEditor: Record<keyof typeof jaEditor, string> = {
  'editor.confirmLeave':
    'You have unsaved changes. They will be lost if you leave this page. Leave?',
  'editor.confirmRemove':
    'Delete the rule "{rule}"? The deletion becomes final when you save the draft.',
  'editor.saveAndPreview': 'Save and preview the effect',
  'editor.saveAndPreviewHint': 'Saves the unsaved changes as a draft, then opens the preview.',
  'editor.nameEnMissing':
    'Enter the English rule name too (a rule name needs Japanese and English).',
  'editor.nameJaMissing':
    'Enter the Japanese rule name too (a rule name needs Japanese and English).',
  'editor.pointsRequired':
    'Enter the points. While the box is empty, the previous {n} points stay.',

  'editor.errorInRuleField': 'Rule "{rule}": {field}',
  'editor.errorInThreshold': 'Threshold ({type}, {level})',
  'editor.errorInType': 'Difficulty type "{type}"',
  'editor.field.name': 'Rule name',
  'editor.field.nameEn': 'Rule name (English)',
  'editor.field.id': 'Rule ID',
  'editor.field.enabled': 'In use',
  'editor.field.priority': 'Priority',
  'editor.field.type': 'Difficulty type',
  'editor.field.points': 'Points added',
  'editor.field.explanation': 'Explanation',
  'editor.field.explanationEn': 'Explanation (English)',
  'editor.field.rationale': 'Rationale',
  'editor.field.reference': 'Reference',
  'editor.field.event': 'Result settings',
  'editor.field.conditions': 'Conditions',
  'editor.field.condition': 'Condition {n}',
  'editor.field.conditionPart': '{part} of condition {n}',
  'editor.field.fact': 'Item',
  'editor.field.operator': 'Comparison',
  'editor.field.value': 'Value',

  'publish.diff.ruleNotFired': 'Rule "{rule}" was expected to fire but did not.',
  'publish.diff.ruleFired': 'Rule "{rule}" was not expected to fire but did.',
  'publish.diff.unknownType': 'The difficulty type "{type}" is not in this rule set.',
  'publish.diff.level': '{type}: expected level "{expected}", got "{actual}" ({points} points).',
  'publish.diff.noLevel': 'none',

  'unit.回': 'times',
  'unit.日': 'days',
  'unit.日/月': 'days/month',
  'unit.件': 'items',
  'unit.点': 'points',
  'unit.人': 'people',
  'unit.か月': 'months',
  'unit.月': 'months',
  'unit.種': 'kinds',
  'unit.項目': 'items',
  'unit.パーセンタイル': 'percentile',
  'unit.要介護度': 'care level',
};
