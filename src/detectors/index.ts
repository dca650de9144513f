/** Every detector, in guide order (rule #1 … #5), then by id. */
import type { Detector } from "./types";
import publicEnvCredential from "./write-token-in-frontend/public-env-credential";
import writeWithoutTtl from "./sensitive-data-without-ttl/write-without-ttl";
import unverifiedHandler from "./qstash-webhook-spoofing/unverified-handler";
import resultNotEnforced from "./rate-limit-misconfiguration/result-not-enforced";
import sharedBucket from "./rate-limit-misconfiguration/shared-bucket";
import clientControlledIdentifier from "./rate-limit-misconfiguration/client-controlled-identifier";
import failOpenOnError from "./rate-limit-misconfiguration/fail-open-on-error";
import implausibleLimit from "./rate-limit-misconfiguration/implausible-limit";
import limiterPerRequest from "./rate-limit-misconfiguration/limiter-per-request";
import pendingDropped from "./rate-limit-misconfiguration/pending-dropped";
import hardcodedCredential from "./token-rotation-neglect/hardcoded-credential";

export const DETECTORS: readonly Detector[] = [
  publicEnvCredential,
  writeWithoutTtl,
  unverifiedHandler,
  resultNotEnforced,
  sharedBucket,
  clientControlledIdentifier,
  failOpenOnError,
  implausibleLimit,
  limiterPerRequest,
  pendingDropped,
  hardcodedCredential,
] as Detector[];
