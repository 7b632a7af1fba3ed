/** The package's version, sent in the User-Agent; a test keeps it equal to package.json. */
export const VERSION = "1.0.0"

/** Names the SDK in every request so SociaVault can tell its traffic apart. */
export const USER_AGENT = `sociavault-credits/${VERSION} (@sociavault-credits/core-effect3; effect 3)`
