import { CreditGuard, SociaVaultClient } from "@sociavault-credits/core"
import { Effect, Layer } from "effect"
import { FetchHttpClient } from "effect/http"

// Stands for your own code: one profile scrape with SociaVault, which costs 20 credits.
const fetchProfile = (handle: string) => Effect.log(`scraping ${handle}`)
const handles = ["effect_ts", "github", "nodejs"]

// Refuse to start a scrape the account cannot pay for.
const scrapeProfile = (handle: string) => fetchProfile(handle).pipe(CreditGuard.guard({ atLeast: 20 }))

const program = Effect.forEach(handles, scrapeProfile, { concurrency: 10 }).pipe(
  Effect.catchTag("InsufficientCredits", (e) => Effect.logWarning(e.message))
)

const Live = CreditGuard.layer({ ttl: "1 minute" }).pipe(
  Layer.provide(SociaVaultClient.layerConfig()),
  Layer.provide(FetchHttpClient.layer)
)
Effect.runPromise(Effect.provide(program, Live))
