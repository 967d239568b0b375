#!/usr/bin/env -S node --max-semi-space-size=64 --single-threaded-gc
// Runs the TypeScript CLI through tsx's loader (the workspace ships sources, not builds), with a
// 64 MiB young generation (imports allocate many short-lived objects) and the collector on each
// thread's own time: its helper threads would compete for the two cores the import's three
// threads already share (see docs/performance.md).
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
