# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""TLS for api-ssl: a certificate (given, or generated self-signed at start), or anonymous DH.

A router whose api-ssl service has no certificate only does anonymous Diffie-Hellman (ADH) key exchange;
TLS 1.3 has no such suite, so that mode is capped at TLS 1.2 and needs DH parameters (shipped in
``data/dhparams.pem``; ``load_dh_params`` is what makes Python offer ADH suites at all).
"""

import datetime
import ipaddress
import os
import ssl

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
DH_PARAMS = os.path.join(DATA, "dhparams.pem")


def generate_cert(directory, common_name="localhost", days=3650):
    """Write a self-signed EC certificate (SAN: localhost, 127.0.0.1, ::1) and key; return their paths."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "rosim")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder()
            .subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=days))
            .add_extension(x509.SubjectAlternativeName([
                x509.DNSName("localhost"),
                x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
                x509.IPAddress(ipaddress.ip_address("::1"))]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    os.makedirs(directory, exist_ok=True)
    cert_path = os.path.join(directory, "rosim-cert.pem")
    key_path = os.path.join(directory, "rosim-key.pem")
    with open(cert_path, "wb") as fh:
        fh.write(cert.public_bytes(serialization.Encoding.PEM))
    fd = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                   serialization.NoEncryption()))
    return cert_path, key_path


def server_context(cert=None, key=None, anonymous=False, dh_params=None, tls_version="any"):
    """An SSLContext for the api-ssl listener."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.rosim_tls_version = tls_version  # shown as tls-version of api-ssl in /ip/service
    if anonymous:
        ctx.maximum_version = ssl.TLSVersion.TLSv1_2
        ctx.load_dh_params(dh_params or DH_PARAMS)
        ctx.set_ciphers("ADH:@SECLEVEL=0")
        ctx.rosim_cert_name = "none"
        return ctx
    if tls_version == "only-1.2":
        ctx.maximum_version = ssl.TLSVersion.TLSv1_2
    ctx.load_cert_chain(cert, key)
    ctx.rosim_cert_name = os.path.splitext(os.path.basename(cert))[0]
    return ctx
