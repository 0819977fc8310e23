import { TerraformVariable } from "../engine";

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
    return new KmsPassword(ciphertext, encryptionContext);
  }

  /**
   * A password read from a Terraform variable declared `sensitive`, supplied at deploy time
   * (e.g. `TF_VAR_<name>`); synthesis fails if the variable is not sensitive.
   */
  public static fromSensitiveVariable(variable: TerraformVariable): RegistryPassword {
    return new VariablePassword(variable);
  }

  /** The `alicloud_cr_ee_instance` arguments that carry the password. */
  public abstract get instanceArguments(): {
    password?: string;
    kmsEncryptedPassword?: string;
    kmsEncryptionContext?: Record<string, string>;
  };

  /** Problems with how the password is supplied, as `field = value: rule` messages. */
  public abstract validate(): string[];
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

  public validate(): string[] {
    return this.ciphertext.length === 0 ? ['password = "": the KMS ciphertext is empty'] : [];
  }
}

class VariablePassword extends RegistryPassword {
  public constructor(private readonly variable: TerraformVariable) {
    super();
  }

  public get instanceArguments() {
    return { password: this.variable.stringValue };
  }

  public validate(): string[] {
    if (this.variable.sensitive === true) return [];
    return [`password = var.${this.variable.friendlyUniqueId}: the variable must be declared with sensitive: true`];
  }
}
