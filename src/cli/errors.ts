/** Thrown by command handlers for bad arguments or a folder that is not a model (exit 2, no stack). */
export class UsageError extends Error {}
