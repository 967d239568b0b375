/**
 * `@mimamori/connector-kit/testing`: the connector conformance suite. A separate entry because it
 * imports vitest, which the CLI and the server (importing the main entry) must never load.
 */
export { testConnector } from './test-connector';
export type { TestConnectorOptions } from './test-connector';
