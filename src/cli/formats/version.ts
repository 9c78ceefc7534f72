/** The package version (read at run time: the compiled file sits four folders below package.json). */
export function toolVersion(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('../../../../package.json') as { version: string }).version;
}
