/** Every detector, in guide order (rule #1 … #5), then by id. */
import type { Detector } from "./types";
import publicEnvCredential from "./write-token-in-frontend/public-env-credential";
import writeWithoutTtl from "./sensitive-data-without-ttl/write-without-ttl";
import unverifiedHandler from "./qstash-webhook-spoofing/unverified-handler";
import devModeReceiver from "./qstash-webhook-spoofing/dev-mode-receiver";
import verifyParsedBody from "./qstash-webhook-spoofing/verify-parsed-body";
import pagesRouterBodyParser from "./qstash-webhook-spoofing/pages-router-body-parser";
import resultNotEnforced from "./rate-limit-misconfiguration/result-not-enforced";
import hardcodedCredential from "./token-rotation-neglect/hardcoded-credential";

export const DETECTORS: readonly Detector[] = [
  publicEnvCredential,
  writeWithoutTtl,
  devModeReceiver,
  pagesRouterBodyParser,
  unverifiedHandler,
  verifyParsedBody,
  resultNotEnforced,
  hardcodedCredential,
] as Detector[];
