/** A problem with the request itself (missing path, bad configuration or baseline): exit code 2. */
export class UsageError extends Error {}
