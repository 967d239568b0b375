#!/usr/bin/env -S node --max-semi-space-size=64
// Runs the TypeScript CLI through tsx's loader (the workspace ships sources, not builds), with a
// 64 MiB young generation: imports allocate many short-lived objects (see docs/performance.md).
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
