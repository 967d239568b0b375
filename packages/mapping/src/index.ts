export { MappingError, mappingErrorCodes, type MappingErrorCode } from './mapping-error';
export {
  mappingSchema,
  mappedColumnSchema,
  mappedFactSchema,
  mappedFileSchema,
  booleanSpellingsSchema,
  columnRoles,
  identityFields,
  contextFields,
  dateFormats,
  delimiters,
  factPrefix,
  type Mapping,
  type MappedColumn,
  type MappedFact,
  type MappedFile,
  type ColumnRole,
  type IdentityField,
  type ContextField,
} from './mapping-schema';
export {
  validateMapping,
  parseMapping,
  mappingProblems,
  mappingProblemCodes,
  type MappingProblem,
  type MappingProblemCode,
  type MappingValidation,
  type MappingValidationOptions,
} from './validate-mapping';
export { reservedSourceNames, reservedNameProblem, unreservedName } from './source-names';
export { factIdConflicts, factsInUseProblems, type DeclaredFact } from './fact-conflicts';
export { mappingJsonSchemaText } from './mapping-json-schema';
export { createMappedConnector, type MappedConnector } from './mapped-connector';
export { prepareMappedInput } from './prepare-input';
export {
  inferMapping,
  IDENTITY_THRESHOLD,
  type ColumnInference,
  type InferMappingOptions,
  type InferredMapping,
} from './infer/infer-mapping';
export { inferredTypes, type InferredType } from './infer/classify-column';
export type { IdentityCandidate } from './infer/identity-scores';
export {
  makeChildrensHallSample,
  childrensHallMapping,
  childrensHallHeaders,
  type ChildrensHallSampleOptions,
  type SampleVillage,
} from './childrens-hall-sample';
export {
  buildDataInventory,
  type DataInventory,
  type InventoryItem,
  type InventoryRuleSet,
  type InventorySource,
  type LegalField,
  type RuleUse,
} from './inventory/data-inventory';
export { renderInventoryMarkdown, renderInventoryHtml } from './inventory/render-inventory';
export { checkPublishable, type PublishProblem } from './inventory/check-publishable';
