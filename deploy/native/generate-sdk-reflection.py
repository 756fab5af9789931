#!/usr/bin/env python3
"""Writes the native image's reflection registrations for the payment and SMS SDKs' models.

stripe-java maps JSON onto com.stripe.model.* (and writes com.stripe.param.*) with Gson, and the Twilio SDK maps
onto com.twilio.rest.* with Jackson: both by reflection, which a native image only allows for registered classes.
Neither SDK ships native-image metadata, so every class of those packages is registered here, generated from the
jars the build uses (run after changing an SDK version; NativeReflectionConfigTest fails until it is re-run):

    python3 deploy/native/generate-sdk-reflection.py
"""
import json
import pathlib
import subprocess
import sys
import zipfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "src/main/resources/META-INF/native-image/com.fitnesscrm/fitnesscrm-api/reflect-config.json"
# What the service uses or will use (payments: issue 10; SMS: issue 13): every Stripe model (webhook events may
# carry any of them), the request parameters of the billing flows, and Twilio's message resources and value types.
# The rest of the SDKs (thousands of classes) stays unregistered and is dropped from the image.
PACKAGES = ("com/stripe/model/", "com/stripe/net/", "com/stripe/param/Customer", "com/stripe/param/Price",
            "com/stripe/param/Product", "com/stripe/param/PaymentIntent", "com/stripe/param/Invoice",
            "com/stripe/param/Subscription", "com/stripe/param/Refund", "com/stripe/param/checkout/",
            "com/stripe/param/billingportal/", "com/twilio/rest/api/v2010/account/Message",
            "com/twilio/base/", "com/twilio/type/", "com/twilio/converter/", "com/twilio/exception/")


def classpath():
    out = ROOT / "target/sdk-classpath.txt"
    subprocess.run([str(ROOT / "mvnw"), "-B", "-q", "dependency:build-classpath", f"-Dmdep.outputFile={out}",
                    "-Dmdep.includeGroupIds=com.stripe,com.twilio.sdk"], cwd=ROOT, check=True)
    return [p for p in out.read_text().strip().split(":") if p.endswith(".jar")]


def main():
    names = set()
    for jar in classpath():
        with zipfile.ZipFile(jar) as z:
            for entry in z.namelist():
                if entry.endswith(".class") and entry.startswith(PACKAGES) and "module-info" not in entry:
                    names.add(entry[:-6].replace("/", "."))
    if not names:
        sys.exit("no SDK classes found")
    config = [{"name": n, "allDeclaredConstructors": True, "allDeclaredMethods": True, "allDeclaredFields": True}
              for n in sorted(names)]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(config, indent=0) + "\n")
    print(f"{len(config)} classes registered in {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
