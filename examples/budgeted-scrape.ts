import { CreditBudget, SociaVaultClient } from "@sociavault-credits/core"
import { Effect, Layer } from "effect"
import { FetchHttpClient } from "effect/http"

// Stands for your own code: one page of a paginated SociaVault endpoint, which is charged per page.
const scrapePage = (page: number) => Effect.log(`scraping page ${page}`).pipe(Effect.delay("200 millis"))
const pages = Array.from({ length: 20 }, (_, i) => i + 1)

// Let the run spend at most 500 credits: the balance is re-read every second (the default, 30 seconds, suits a
// real run) and the run is interrupted once it has fallen by more than that since the start.
const run = Effect.forEach(pages, scrapePage, { discard: true }).pipe(
  Effect.ensuring(Effect.log("run ended, connections closed")),
  CreditBudget.limit({ maxSpend: 500, checkEvery: "1 second" }),
  Effect.catchTag("BudgetExceeded", (e) => Effect.logError(e.message))
)

const SociaVault = SociaVaultClient.layerConfig().pipe(Layer.provide(FetchHttpClient.layer))
Effect.runPromise(Effect.provide(run, SociaVault))
