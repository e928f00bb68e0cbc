"""A real S3-compatible server for the publishing tests, on 127.0.0.1 only.

``rclone serve s3`` (the pinned rclone) over a folder: what a publish uploads lands
there as plain files, and objects are read back over HTTP with signed requests, as a
CDN in front of a bucket would, to see the headers a browser gets.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from toasoan import deploy

# rclone refuses very short keys (InvalidAccessKeyId); 12+ characters work.
KEY_ID = "toasoantestkey01"
SECRET = "toasoantestsecret0123"
REGION = "us-east-1"
REMOTE = "storage"
TEMP_PREFIX = ".rclone_temp_put_"  # an upload in progress, hidden from S3 listings


@dataclass(frozen=True)
class Stored:
    """A file as the server keeps it: its bytes, and the inode/ctime that change on upload."""

    data: bytes
    inode: int
    ctime_ns: int


@dataclass
class S3Server:
    root: Path
    port: int
    proc: subprocess.Popen = field(repr=False)

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def env(self) -> dict[str, str]:
        """The environment of a publish to ``storage:``: no rclone config file at all."""
        prefix = deploy.env_prefix(REMOTE)
        env = {**os.environ, f"{prefix}TYPE": "s3", f"{prefix}PROVIDER": "Rclone",
               f"{prefix}ENDPOINT": self.endpoint, f"{prefix}ACCESS_KEY_ID": KEY_ID,
               f"{prefix}SECRET_ACCESS_KEY": SECRET, f"{prefix}REGION": REGION,
               "RCLONE_CONFIG": str(self.root.parent / "no-rclone.conf"),
               # anything but 127.0.0.1 would go through a proxy that does not exist
               "HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9",
               "NO_PROXY": ""}
        env.pop("TOASOAN_PREVIEW", None)
        return env

    def folder(self, bucket: str, prefix: str = "") -> Path:
        return self.root / bucket / prefix

    def snapshot(self, bucket: str, prefix: str = "") -> dict[str, Stored]:
        """Every object under bucket/prefix as the server stores it (uploads in flight left out)."""
        base = self.folder(bucket, prefix)
        found = {}
        for path in sorted(base.rglob("*")) if base.exists() else ():
            if path.is_file() and not path.name.startswith(TEMP_PREFIX):
                info = path.stat()
                found[path.relative_to(base).as_posix()] = Stored(path.read_bytes(), info.st_ino,
                                                                  info.st_ctime_ns)
        return found

    def get(self, bucket: str, key: str) -> tuple[int, dict[str, str], bytes]:
        """GET an object over HTTP with an AWS Signature V4: (status, headers, body)."""
        path = "/" + quote(f"{bucket}/{key}", safe="/-_.~")
        now = dt.datetime.now(dt.UTC)
        amz_date, day = now.strftime("%Y%m%dT%H%M%SZ"), now.strftime("%Y%m%d")
        host = f"127.0.0.1:{self.port}"
        payload = hashlib.sha256(b"").hexdigest()
        headers = {"host": host, "x-amz-content-sha256": payload, "x-amz-date": amz_date}
        signed = ";".join(sorted(headers))
        canonical = "\n".join(["GET", path, "", *(f"{k}:{headers[k]}" for k in sorted(headers)),
                               "", signed, payload])
        scope = f"{day}/{REGION}/s3/aws4_request"
        to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope,
                             hashlib.sha256(canonical.encode()).hexdigest()])
        key_bytes = ("AWS4" + SECRET).encode()
        for part in (day, REGION, "s3", "aws4_request"):
            key_bytes = hmac.new(key_bytes, part.encode(), hashlib.sha256).digest()
        signature = hmac.new(key_bytes, to_sign.encode(), hashlib.sha256).hexdigest()
        request = urllib.request.Request(self.endpoint + path, headers={
            "x-amz-content-sha256": payload, "x-amz-date": amz_date,
            "Authorization": f"AWS4-HMAC-SHA256 Credential={KEY_ID}/{scope}, "
                             f"SignedHeaders={signed}, Signature={signature}"})
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        try:
            with opener.open(request, timeout=30) as response:
                return response.status, {k.lower(): v for k, v in response.headers.items()}, \
                    response.read()
        except urllib.error.HTTPError as error:
            return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def sample_site(root: Path) -> Path:
    """A copy of this repository's site (mkdocs.yml and docs/), with its hooks and templates."""
    repo = Path(__file__).resolve().parent.parent
    root.mkdir(parents=True)
    shutil.copy(repo / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(repo / "docs", root / "docs")
    for folder in ("hooks", "overrides"):
        (root / folder).symlink_to(repo / folder, target_is_directory=True)
    return root


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(root: Path, buckets: tuple[str, ...] = ("bao",)) -> S3Server:
    """Start ``rclone serve s3`` on 127.0.0.1 over ``root`` (buckets are its folders)."""
    for bucket in buckets:
        (root / bucket).mkdir(parents=True, exist_ok=True)
    port = free_port()
    log = (root.parent / f"serve-s3-{port}.log").open("wb")
    env = {**os.environ, "RCLONE_CONFIG": str(root.parent / "no-rclone.conf")}
    proc = subprocess.Popen(
        [str(deploy.find_rclone()), "serve", "s3", "--addr", f"127.0.0.1:{port}",
         "--auth-key", f"{KEY_ID},{SECRET}", str(root)],
        stdout=log, stderr=subprocess.STDOUT, env=env)
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise RuntimeError(f"rclone serve s3 did not start: see {log.name}") from None
            time.sleep(0.1)
    return S3Server(root, port, proc)
