import { App, Chart } from "cdk8s";
import { ImageUpdater, ImageUpdaterProps } from "../../charts/argocd-image-updater/image-updater";
import { collectChartProblems } from "../../charts/chart-support";
import { PROD } from "./support";

function render(extra: Partial<ImageUpdaterProps>) {
  const app = new App({ outdir: "unused" });
  const chart = new Chart(app, "cluster");
  new ImageUpdater(chart, "Payments", {
    name: "payments",
    namespace: "apps",
    applicationRefs: [{ namePattern: "payments-*", images: [{ alias: "api", imageName: `${PROD.vpcDomain}/p/api` }] }],
    ...extra,
  });
  const problems = collectChartProblems(app);
  // cdk8s refuses to render an invalid chart; the spec is read only when there is nothing to report.
  return { problems, spec: problems.length > 0 ? {} : (chart.toJson()[0].spec as Record<string, unknown>) };
}

describe("ImageUpdater version floor (M2)", () => {
  test.each([undefined, "1.0.3", "v1.1.1", "1.2.0", "1.3.0"])(
    "%s: no spec.namespace (optional and ignored from 1.0.3/1.1.1, removed in 1.2.0)",
    (controllerVersion) => {
      const { problems, spec } = render({ controllerVersion });
      expect(problems).toEqual([]);
      expect(spec).not.toHaveProperty("namespace");
    },
  );

  test.each(["1.0.0", "1.0.2", "v1.1.0"])(
    "%s: spec.namespace is the resource's namespace, as its CRD requires",
    (v) => {
      const { problems, spec } = render({ controllerVersion: v });
      expect(problems).toEqual([]);
      expect(spec.namespace).toBe("apps");
    },
  );

  test("0.x and malformed versions are refused with the field, value and rule", () => {
    expect(render({ controllerVersion: "0.18.0" }).problems).toEqual([
      '[cluster/Payments] controllerVersion = "0.18.0": has no ImageUpdater resource (0.x): use ' +
        "imageUpdaterAnnotations() on the Applications",
    ]);
    expect(render({ controllerVersion: "latest" }).problems).toEqual([
      '[cluster/Payments] controllerVersion = "latest": must be a release, X.Y.Z',
    ]);
  });
});
