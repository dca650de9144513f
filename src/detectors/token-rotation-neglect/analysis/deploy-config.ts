/**
 * CI and deployment configuration: files that set environment variables for builds, containers and
 * platforms. A credential belongs in the platform's secret store there, referenced by name
 * (`${{ secrets.X }}`, `secretKeyRef`, `wrangler secret put`), never as a literal.
 */
import * as path from "node:path";

const CI_FILES = [
  /(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/,
  /(^|\/)action\.ya?ml$/,
  /(^|\/)\.gitlab-ci\.ya?ml$/,
  /(^|\/)\.circleci\/config\.ya?ml$/,
  /(^|\/)bitbucket-pipelines\.ya?ml$/,
  /(^|\/)azure-pipelines\.ya?ml$/,
  /(^|\/)\.travis\.ya?ml$/,
  /(^|\/)\.drone\.ya?ml$/,
  /(^|\/)cloudbuild\.ya?ml$/,
  /(^|\/)buildspec\.ya?ml$/,
  /(^|\/)amplify\.ya?ml$/,
  /(^|\/)appveyor\.ya?ml$/,
];

const DEPLOY_FILES = [
  /(^|\/)(vercel|now)\.json$/,
  /(^|\/)netlify\.toml$/,
  /(^|\/)wrangler\.(toml|jsonc?)$/,
  /(^|\/)fly\.toml$/,
  /(^|\/)render\.ya?ml$/,
  /(^|\/)railway\.(json|toml)$/,
  /(^|\/)app\.ya?ml$/, // Google App Engine
  /(^|\/)serverless\.ya?ml$/,
  /(^|\/)(docker-)?compose[^/]*\.ya?ml$/,
  /(^|\/)(Dockerfile|Containerfile)[^/]*$/i,
  /(^|\/)[^/]*\.dockerfile$/i,
  /(^|\/)(charts?|helm|k8s|kubernetes|manifests?|deploy(ment)?s?|kustomize|overlays|base)\/.*\.ya?ml$/,
  /(^|\/)values[^/]*\.ya?ml$/,
  /(^|\/)kustomization\.ya?ml$/,
];

/** What kind of file this is, or undefined for ordinary source and config. */
export function deployConfigKind(
  rel: string,
  text: string,
): "CI workflow" | "deployment configuration" | "Kubernetes manifest" | undefined {
  if (CI_FILES.some((r) => r.test(rel))) return "CI workflow";
  if (DEPLOY_FILES.some((r) => r.test(rel)))
    return /\.ya?ml$/.test(rel) && isKubernetesManifest(text) ? "Kubernetes manifest" : "deployment configuration";
  if (/\.ya?ml$/.test(path.posix.basename(rel)) && isKubernetesManifest(text)) return "Kubernetes manifest";
  return undefined;
}

/** A YAML file with top-level `apiVersion:` and `kind:` is a Kubernetes (or Helm template) manifest. */
function isKubernetesManifest(text: string): boolean {
  return /^apiVersion:\s*\S/m.test(text) && /^kind:\s*\S/m.test(text);
}
