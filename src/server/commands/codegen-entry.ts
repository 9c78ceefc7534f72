/**
 * The code generator as the server loads it: bundled on its own (dist/codegen.js) and required on
 * the first generation only, so starting the server does not parse json-schema-to-typescript and
 * prettier.
 */
export { GenerationCache } from '../../core/codegen';
export { generateWorkspace } from '../../node/generate-run';
