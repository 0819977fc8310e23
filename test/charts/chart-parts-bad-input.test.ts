import {
  imageUpdaterAnnotations,
  imageUpdaterRegistry,
  ImageUpdaterImage,
  renderClusterManifests,
  validateCredentialHelperConfig,
  validateImageUpdaterProps,
  validateRegistriesConfig,
  validateRegistryFacts,
} from "../../charts";
import { ClusterManifestError } from "../../charts/cluster-manifests";
import { PROD } from "./support";

// One bad value for each chart input prop that charts-bad-input.test.ts does not reach: the RRSA role of facts and
// entries, Image Updater registry endpoints, image credential sources and Helm targets, and the parts of a cluster's manifests by type. Each gives
// exactly its own problem (a number is not taken for its text, a string is not read as a list).

const FACTS = PROD;
const DOMAIN = PROD.vpcDomain;
const USER = "acs:ram::1234567890123456:user/x";
const OIDC = "acs:ram::1234567890123456:oidc-provider/ack-rrsa-c1";
const ROLE_RULE = "must be a RAM role ARN acs:ram::<16-digit account uid>:role/<roleName>";
const IMAGE: ImageUpdaterImage = { alias: "api", imageName: `${DOMAIN}/payments/api` };
const image = (changes: object) => () =>
  validateImageUpdaterProps({
    name: "payments",
    applicationRefs: [{ namePattern: "payments-*", images: [{ ...IMAGE, ...changes } as ImageUpdaterImage] }],
  });
const manifests = (changes: object) => () => {
  try {
    renderClusterManifests([{ name: "prod", regionId: "cn-hangzhou", ...changes } as never]);
    return [];
  } catch (error) {
    if (error instanceof ClusterManifestError) return [...error.problems];
    throw error;
  }
};

const cases: [string, () => readonly string[], string][] = [
  [
    "imageUpdaterRegistry endpoint: unknown (the helper keeps it, the config reports it)",
    () =>
      validateRegistriesConfig({
        registries: [imageUpdaterRegistry(FACTS, { endpoint: "intranet" as never })],
      }).messages(),
    'registries[0].endpoint = "intranet": must be one of vpc, public',
  ],
  [
    "facts rrsaRoleArn: a user ARN",
    () => validateRegistryFacts({ ...FACTS, rrsaRoleArn: USER, rrsaOidcProviderRoleArn: OIDC }),
    `rrsaRoleArn = "${USER}": ${ROLE_RULE}`,
  ],
  [
    "entry rrsaRoleArn: a user ARN",
    () =>
      validateCredentialHelperConfig(
        {
          clusterRegionId: "cn-hangzhou",
          rrsa: true,
          registries: [{ instanceId: "cri-abc", domains: [DOMAIN], rrsaRoleArn: USER, rrsaOidcProviderRoleArn: OIDC }],
        },
        "self-managed",
      ).problems,
    `registries[0].rrsaRoleArn = "${USER}": ${ROLE_RULE}`,
  ],
  [
    "image pullSecret.field: a number",
    image({ pullSecret: { kind: "secret", namespace: "argocd", name: "acr", field: 5 } }),
    "applicationRefs[0].images[0].pullSecret.field = 5: must be a Secret data key (letters, digits, '-', '_', '.')",
  ],
  [
    "image pullSecret.variable: starts with a digit",
    image({ pullSecret: { kind: "env", variable: "1X" } }),
    'applicationRefs[0].images[0].pullSecret.variable = "1X": must be an environment variable name',
  ],
  [
    "image manifestTarget.helm.tag: a number",
    image({ manifestTarget: { helm: { tag: 5 } } }),
    "applicationRefs[0].images[0].manifestTarget.helm.tag = 5: must be a Helm parameter name such as image.tag",
  ],
  [
    "image manifestTarget.helm: a string",
    image({ manifestTarget: { helm: "image.tag" } }),
    'applicationRefs[0].images[0].manifestTarget.helm = "image.tag": must be an object',
  ],
  [
    "manifests credentialHelper: a string",
    manifests({ credentialHelper: "acr" }),
    '[prod] credentialHelper = "acr": must be an object',
  ],
  [
    "manifests pullSecrets: a string (no TypeError)",
    manifests({ pullSecrets: "acr" }),
    '[prod] pullSecrets = "acr": must be a list',
  ],
  [
    "manifests imageUpdater: a string",
    manifests({ imageUpdater: "on" }),
    '[prod] imageUpdater = "on": must be an object',
  ],
  [
    "manifests imageUpdater.resources: a string",
    manifests({ imageUpdater: { resources: "payments" } }),
    '[prod] imageUpdater.resources = "payments": must be a list',
  ],
];

describe("bad input to the charts' parts", () => {
  test.each(cases)("%s", (_title, run, problem) => {
    expect(run()).toEqual([problem]);
  });

  test("imageUpdaterAnnotations writeBack: a string is refused with its problem", () => {
    expect(() => imageUpdaterAnnotations({ images: [IMAGE], writeBack: "git" as never })).toThrow(
      'writeBack = "git": must be an object',
    );
  });
});
