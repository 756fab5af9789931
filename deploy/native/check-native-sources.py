#!/usr/bin/env python3
"""Checks the native-sources package (./mvnw package -Dnative -Dquarkus.native.sources-only=true).

GraalVM cannot be installed here, so the native executable is never compiled in CI; this checks what can be:
that Quarkus' native build steps ran and produced the native-image invocation, and that the reflection and
resource registrations the SDKs need are in what native-image would read:
  - the application's records and entities (Quarkus' generated reflect-config.json in the runner jar),
  - Stripe's models and Twilio's message resources (our generated config, see generate-sdk-reflection.py),
  - the AWS SDK's and Sentry's own native-image metadata, shipped in their jars,
  - the Flyway migrations as resources.
Usage: python3 deploy/native/check-native-sources.py [target/native-sources]
"""
import json
import pathlib
import sys
import zipfile

base = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "target/native-sources")
problems = []


def need(condition, message):
    if not condition:
        problems.append(message)


args = (base / "native-image.args").read_text() if (base / "native-image.args").exists() else ""
need(args, f"{base}/native-image.args is missing: the native build steps did not run")
runner = next(base.glob("*-runner.jar"), None)
need(runner is not None, "no runner jar in native-sources")
need("--no-fallback" in args, "native-image.args lacks --no-fallback")

if runner:
    with zipfile.ZipFile(runner) as jar:
        names = set(jar.namelist())
        generated = json.loads(jar.read("META-INF/native-image/reflect-config.json"))
        registered = {e["name"] for e in generated}
        for cls in ("com.fitnesscrm.common.error.ApiError", "com.fitnesscrm.backups.service.BackupManifest"):
            need(cls in registered, f"{cls} is not registered for reflection")
        sdk_path = "META-INF/native-image/com.fitnesscrm/fitnesscrm-api/reflect-config.json"
        sdk = {e["name"] for e in json.loads(jar.read(sdk_path))} if sdk_path in names else set()
        need(sdk, f"{sdk_path} (Stripe/Twilio registrations) is not in the runner jar")
        for cls in ("com.stripe.model.Event", "com.stripe.model.checkout.Session",
                    "com.twilio.rest.api.v2010.account.Message"):
            need(cls in sdk, f"{cls} is not registered for reflection")
        resources = json.loads(jar.read("META-INF/native-image/resource-config.json"))
        need("db/migration" in json.dumps(resources), "the Flyway migrations are not native resources")

libs = base / "lib"
for prefix, marker in (("io.sentry.sentry-", "META-INF/native-image/io.sentry/"),
                       ("software.amazon.awssdk.s3-", "META-INF/native-image/software.amazon.awssdk/s3/"),
                       ("software.amazon.awssdk.sdk-core-", "META-INF/native-image/software.amazon.awssdk/sdk-core/")):
    jar = next(libs.glob(prefix + "*.jar"), None)
    need(jar is not None, f"{prefix}*.jar is not in native-sources/lib")
    if jar:
        with zipfile.ZipFile(jar) as z:
            need(any(n.startswith(marker) for n in z.namelist()), f"{jar.name} has no {marker} metadata")

if problems:
    print("native-sources check FAILED:")
    for p in problems:
        print("  - " + p)
    sys.exit(1)
print(f"native-sources check passed: {len(registered)} classes registered by Quarkus, {len(sdk)} SDK classes by us,"
      " Sentry and AWS SDK metadata present")
