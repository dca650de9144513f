/** Every detector, in guide order (rule #1 … #5), then by id. */
import type { Detector } from "./types";
import bundlerInlinesCredential from "./write-token-in-frontend/bundler-inlines-credential";
import credentialInClientCode from "./write-token-in-frontend/credential-in-client-code";
import publicEnvCredential from "./write-token-in-frontend/public-env-credential";
import writeWithoutTtl from "./sensitive-data-without-ttl/write-without-ttl";
import unverifiedHandler from "./qstash-webhook-spoofing/unverified-handler";
import resultNotEnforced from "./rate-limit-misconfiguration/result-not-enforced";
import hardcodedCredential from "./token-rotation-neglect/hardcoded-credential";

export const DETECTORS: readonly Detector[] = [
  bundlerInlinesCredential,
  credentialInClientCode,
  publicEnvCredential,
  writeWithoutTtl,
  unverifiedHandler,
  resultNotEnforced,
  hardcodedCredential,
] as Detector[];
