/** Types of scripts/rollup.js, for the tests. */
export interface BundleSpec {
  readonly dir: string
  readonly entries: Readonly<Record<string, string>>
  readonly extraFiles?: Readonly<Record<string, string>>
  readonly executable?: boolean
}

export interface Start {
  /** The entry's file name. */
  readonly entry: string
  /** The chunks it loads at start: itself and its static imports, transitively. */
  readonly chunks: ReadonlyArray<string>
  /** Their size in bytes. */
  readonly bytes: number
  /** The packages of LAZY_ONLY_PACKAGES found in them. */
  readonly lazyOnly: ReadonlyArray<string>
}

export declare const packageOf: (id: string) => string | undefined
export declare const buildBundle: (bundle: BundleSpec, root: string) => Promise<ReadonlyArray<Start>>
