/** The names of the files that differ between two folders (present in one only, or with other bytes). */
export declare const differingFiles: (left: string, right: string) => Array<string>
