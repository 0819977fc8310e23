import { TerraformVariable } from "../engine";
import { Described, REDACTED } from "../../validation/problems";
import type { FieldChecks } from "../validation/field-checks";

/** Passwords made by the factories below; nothing else may reach an instance (a look-alike could hold plain text). */
const issued = new WeakSet<object>();

/**
 * The fixed login password of an Enterprise Edition instance. There is deliberately no way to pass a literal:
 * it would land in the repository and in `cdk.tf.json`.
 */
export abstract class RegistryPassword {
  /**
   * A password encrypted with KMS (`kms_encrypted_password`); only the ciphertext appears in the output.
   * @param ciphertext base64 ciphertext from `aliyun kms Encrypt`
   * @param encryptionContext the KMS encryption context used when encrypting, if any
   */
  public static fromKmsCiphertext(ciphertext: string, encryptionContext?: Record<string, string>): RegistryPassword {
    return issue(new KmsPassword(ciphertext, encryptionContext));
  }

  /**
   * A password read from a Terraform variable declared `sensitive`, supplied at deploy time
   * (e.g. `TF_VAR_<name>`); synthesis fails if the variable is not sensitive.
   */
  public static fromSensitiveVariable(variable: TerraformVariable): RegistryPassword {
    return issue(new VariablePassword(variable));
  }

  /**
   * `value` when it was made by this class's factories, else `undefined`, with a problem reported under `field`
   * (an object of the same shape, a subclass or a string never reaches the instance; its content is not echoed).
   */
  public static checked(check: FieldChecks, field: string, value: unknown): RegistryPassword | undefined {
    if (value === undefined) return undefined;
    if (typeof value === "object" && value !== null && issued.has(value)) {
      (value as RegistryPassword).check(check, field);
      return value as RegistryPassword;
    }
    check.fail(
      field,
      new Described(
        typeof value === "string" ? REDACTED : `(a ${typeof value === "object" ? "look-alike object" : typeof value})`,
      ),
      "must come from RegistryPassword.fromKmsCiphertext() or RegistryPassword.fromSensitiveVariable(); " +
        "a literal password would be written into cdk.tf.json",
    );
    return undefined;
  }

  /** The `alicloud_cr_ee_instance` arguments that carry the password. */
  public abstract get instanceArguments(): {
    password?: string;
    kmsEncryptedPassword?: string;
    kmsEncryptionContext?: Record<string, string>;
  };

  /** Reports how the password is supplied, under `field`, without echoing it. */
  protected abstract check(check: FieldChecks, field: string): void;
}

function issue<T extends RegistryPassword>(password: T): T {
  issued.add(password);
  return password;
}

class KmsPassword extends RegistryPassword {
  public constructor(
    private readonly ciphertext: string,
    private readonly context?: Record<string, string>,
  ) {
    super();
  }

  public get instanceArguments() {
    return { kmsEncryptedPassword: this.ciphertext, kmsEncryptionContext: this.context };
  }

  protected check(check: FieldChecks, field: string): void {
    if (typeof this.ciphertext !== "string" || this.ciphertext.length === 0) {
      check.fail(field, new Described("(KMS ciphertext)"), "the KMS ciphertext must be a non-empty string");
    }
    check.stringMap(`${field}.encryptionContext`, this.context);
  }
}

class VariablePassword extends RegistryPassword {
  public constructor(private readonly variable: TerraformVariable) {
    super();
  }

  public get instanceArguments() {
    return this.variable instanceof TerraformVariable ? { password: this.variable.stringValue } : {};
  }

  protected check(check: FieldChecks, field: string): void {
    if (!check.instanceOf(field, this.variable, TerraformVariable, "made from a TerraformVariable")) return;
    if (this.variable.sensitive !== true) {
      check.fail(
        field,
        new Described(`var.${this.variable.friendlyUniqueId}`),
        "the variable must be declared with sensitive: true",
      );
    }
  }
}
