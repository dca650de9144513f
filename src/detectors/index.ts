/** Every detector, in guide order (rule #1 … #5), then by id. */
import type { Detector } from "./types";
import bundlerInlinesCredential from "./write-token-in-frontend/bundler-inlines-credential";
import credentialInClientCode from "./write-token-in-frontend/credential-in-client-code";
import publicEnvCredential from "./write-token-in-frontend/public-env-credential";
import writeWithoutTtl from "./sensitive-data-without-ttl/write-without-ttl";
import devModeReceiver from "./qstash-webhook-spoofing/dev-mode-receiver";
import pagesRouterBodyParser from "./qstash-webhook-spoofing/pages-router-body-parser";
import unverifiedHandler from "./qstash-webhook-spoofing/unverified-handler";
import verifyParsedBody from "./qstash-webhook-spoofing/verify-parsed-body";
import clientControlledIdentifier from "./rate-limit-misconfiguration/client-controlled-identifier";
import failOpenOnError from "./rate-limit-misconfiguration/fail-open-on-error";
import implausibleLimit from "./rate-limit-misconfiguration/implausible-limit";
import limiterPerRequest from "./rate-limit-misconfiguration/limiter-per-request";
import pendingDropped from "./rate-limit-misconfiguration/pending-dropped";
import resultNotEnforced from "./rate-limit-misconfiguration/result-not-enforced";
import sharedBucket from "./rate-limit-misconfiguration/shared-bucket";
import committedEnvFile from "./token-rotation-neglect/committed-env-file";
import credentialInCiOrDeployConfig from "./token-rotation-neglect/credential-in-ci-or-deploy-config";
import exposedInHistory from "./token-rotation-neglect/exposed-in-history";
import hardcodedCredential from "./token-rotation-neglect/hardcoded-credential";
import singleSigningKey from "./token-rotation-neglect/single-signing-key";

export const DETECTORS: readonly Detector[] = [
  bundlerInlinesCredential,
  credentialInClientCode,
  publicEnvCredential,
  writeWithoutTtl,
  devModeReceiver,
  pagesRouterBodyParser,
  unverifiedHandler,
  verifyParsedBody,
  clientControlledIdentifier,
  failOpenOnError,
  implausibleLimit,
  limiterPerRequest,
  pendingDropped,
  resultNotEnforced,
  sharedBucket,
  committedEnvFile,
  credentialInCiOrDeployConfig,
  exposedInHistory,
  hardcodedCredential,
  singleSigningKey,
] as Detector[];
