import { SociaVaultClient } from "@sociavault-credits/core"
import { Console, Effect, Layer } from "effect"
import { FetchHttpClient } from "effect/http"

const program = SociaVaultClient.getCredits.pipe(
  Effect.flatMap((balance) => Console.log(`${balance.credits} credits (${balance.subscriptionStatus})`)),
  Effect.catchTags({
    Unauthorized: (e) => Console.error(e.message),
    RateLimited: (e) => Console.error(`slow down: ${e.message}`)
  })
)

const SociaVault = SociaVaultClient.layerConfig().pipe(Layer.provide(FetchHttpClient.layer))
Effect.runPromise(Effect.provide(program, SociaVault))
