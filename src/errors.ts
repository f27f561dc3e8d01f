/** Error codes zhtidy throws with; the command line maps them to exit code 2. */
export type ZhtidyErrorCode = 'invalid-option' | 'unreadable-input' | 'invalid-record'

/** An error as data: a `code` a program can switch on, and a message a person can read. */
export class ZhtidyError extends Error {
  readonly code: ZhtidyErrorCode
  override readonly name = 'ZhtidyError'

  constructor(code: ZhtidyErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.code = code
  }
}

/** Checks that an option holds one of the allowed values, naming the option and the values when it does not. */
export function checkChoice<T extends string>(where: string, name: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T
  throw new ZhtidyError('invalid-option', `${where}: option \`${name}\` must be one of ${allowed.map((a) => `\`${a}\``).join(', ')}, got ${JSON.stringify(value)}`)
}

export function checkBoolean(where: string, name: string, value: unknown): boolean {
  if (typeof value === 'boolean') return value
  throw new ZhtidyError('invalid-option', `${where}: option \`${name}\` must be true or false, got ${JSON.stringify(value)}`)
}

/** Unknown option names are errors too: a typo must not silently fall back to a default. */
export function checkKnownKeys(where: string, options: object, known: readonly string[]): void {
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw new ZhtidyError('invalid-option', `${where}: unknown option \`${key}\` (known: ${known.map((k) => `\`${k}\``).join(', ')})`)
    }
  }
}
