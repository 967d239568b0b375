import { toPointer, type ValidationError } from './zod-issues';

type Path = readonly (string | number)[];

/** Builds the bilingual error for each semantic check code. */
export const issue = {
  duplicateId: (path: Path, kind: string, id: string): ValidationError => ({
    path: toPointer(path),
    code: 'duplicate_id',
    message: `Duplicate ${kind} id "${id}"`,
    messageJa: `${kind} の ID「${id}」が重複しています`,
  }),
  unknownFact: (path: Path, id: string): ValidationError => ({
    path: toPointer(path),
    code: 'unknown_fact',
    message: `Unknown fact "${id}" (not in the fact catalogue)`,
    messageJa: `事実「${id}」は事実カタログにありません`,
  }),
  operatorType: (
    path: Path,
    operator: string,
    type: string,
    why: string,
    whyJa: string,
  ): ValidationError => ({
    path: toPointer(path),
    code: 'operator_type_mismatch',
    message: `Operator "${operator}" does not fit a ${type} fact: ${why}`,
    messageJa: `演算子「${operator}」は ${type} 型の事実に使えません: ${whyJa}`,
  }),
  valueType: (path: Path, expected: string, expectedJa: string): ValidationError => ({
    path: toPointer(path),
    code: 'value_type_mismatch',
    message: `Value must be ${expected}`,
    messageJa: `値は${expectedJa}である必要があります`,
  }),
  notAllowed: (path: Path, value: string, allowed: readonly string[]): ValidationError => ({
    path: toPointer(path),
    code: 'value_not_allowed',
    message: `"${value}" is not an allowed value (${allowed.join(', ')})`,
    messageJa: `「${value}」は許可された値ではありません (${allowed.join('、')})`,
  }),
  pathOnScalar: (path: Path): ValidationError => ({
    path: toPointer(path),
    code: 'path_on_scalar',
    message: 'Facts in the catalogue are single values; a path has no effect here',
    messageJa: 'カタログの事実は単一の値のため、path は効果がありません',
  }),
  unknownType: (path: Path, id: string): ValidationError => ({
    path: toPointer(path),
    code: 'unknown_type',
    message: `Event type "${id}" is not a declared difficulty type`,
    messageJa: `イベントの種類「${id}」は宣言された困難の種類ではありません`,
  }),
  unknownCondition: (path: Path, name: string): ValidationError => ({
    path: toPointer(path),
    code: 'unknown_condition',
    message: `Unknown named condition "${name}"`,
    messageJa: `名前付き条件「${name}」は定義されていません`,
  }),
  conditionCycle: (path: Path, name: string): ValidationError => ({
    path: toPointer(path),
    code: 'condition_cycle',
    message: `Named condition "${name}" refers back to itself`,
    messageJa: `名前付き条件「${name}」が自分自身を参照しています`,
  }),
  unknownPlaceholder: (path: Path, placeholder: string): ValidationError => ({
    path: toPointer(path),
    code: 'unknown_placeholder',
    message: `Template placeholder "${placeholder}" does not name a known fact`,
    messageJa: `テンプレートの「${placeholder}」は既知の事実を指していません`,
  }),
  levelOrder: (path: Path): ValidationError => ({
    path: toPointer(path),
    code: 'level_order',
    message: 'Levels must be listed with strictly increasing minPoints',
    messageJa: 'レベルは minPoints の昇順 (重複なし) で並べてください',
  }),
  outsideSchool: (path: Path): ValidationError => ({
    path: toPointer(path),
    code: 'outside_school_mismatch',
    message: 'A fact from the school source cannot count as outside-school data',
    messageJa: '学校が保有する事実を「学校以外」として扱うことはできません',
  }),
  pathType: (path: Path): ValidationError => ({
    path: toPointer(path),
    code: 'invalid_type',
    message: 'A path must be a non-empty JSONPath string such as "$.name"',
    messageJa: 'path は "$.name" のような空でない JSONPath の文字列である必要があります',
  }),
  compileFailed: (path: Path, code: string, why: string): ValidationError => ({
    path: toPointer(path),
    code,
    message: `Cannot be compiled: ${why}`,
    messageJa: `コンパイルできません (${code}): ${why}`,
  }),
  unsupportedPath: (path: Path): ValidationError => ({
    path: toPointer(path),
    code: 'unsupported_path',
    message: "Only $, .name, [0] and ['name'] path steps are supported",
    messageJa: "path は $、.name、[0]、['name'] の形式のみ使えます",
  }),
  alwaysTrue: (path: Path, why: string, whyJa: string): ValidationError => ({
    path: toPointer(path),
    code: 'always_true',
    message: `Condition is always true: ${why}`,
    messageJa: `条件が常に真になります: ${whyJa}`,
  }),
  unreachable: (path: Path, why: string, whyJa: string): ValidationError => ({
    path: toPointer(path),
    code: 'unreachable',
    message: `Condition can never be true: ${why}`,
    messageJa: `条件が真になることはありません: ${whyJa}`,
  }),
};
