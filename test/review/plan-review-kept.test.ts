import { planReviewExitCode, renderPlanReviews, reviewPlan } from "../../review/plan-review";

// The shape `terraform show -json` gives (Terraform 1.11) for a `removed` block with destroy = false and a `moved`
// block, as seen in the end-to-end loop (test/e2e/protection.e2e.ts).
const PLAN = {
  format_version: "1.2",
  terraform_version: "1.11.4",
  resource_changes: [
    {
      address: "alicloud_cr_ee_repo.ProdRegistry_payments_ledger_FE5FDCBC",
      mode: "managed",
      type: "alicloud_cr_ee_repo",
      change: { actions: ["forget"], before: { namespace: "payments", name: "ledger" }, after: null },
    },
    {
      address: "alicloud_cr_ee_instance.MainRegistry_119CFC93",
      previous_address: "alicloud_cr_ee_instance.ProdRegistry_CCC8F64B",
      mode: "managed",
      type: "alicloud_cr_ee_instance",
      change: { actions: ["no-op"], before: { instance_name: "acme-prod" }, after: { instance_name: "acme-prod" } },
    },
  ],
};

test("a forgotten (retained) repository and a moved instance are no data loss, and are listed as kept", () => {
  const review = reviewPlan(PLAN, "plan.json");
  expect(review.counts.forget).toBe(1);
  expect(review.dataLoss).toEqual([]);
  expect(planReviewExitCode([review])).toBe(0);
  const markdown = renderPlanReviews([review]);
  expect(markdown).toContain(
    "- `alicloud_cr_ee_repo.ProdRegistry_payments_ledger_FE5FDCBC`: removed from the code and retained: it stays in the cloud, Terraform forgets it",
  );
  expect(markdown).toContain(
    "- `alicloud_cr_ee_instance.ProdRegistry_CCC8F64B` moved to `alicloud_cr_ee_instance.MainRegistry_119CFC93` (no-op): same object",
  );
  expect(markdown).toContain("**Result:** no image data loss.");
});
