"""Load benchmark: a real server on 127.0.0.1 with the demo data, concurrent clients with tokens.

For each endpoint — /health, the indicator comparison, the city profile and a submission read —
first one client alone (latency), then N concurrent clients (default 50) for a fixed time
(throughput). Prints requests per second, p50 / p95 / p99, errors, and each endpoint's ratio to
/health measured in the same run. Goals from the issue: the comparison serves at least 0.5 × the
requests per second of /health under 50 clients, and its p95 with one client is under 50 ms.

    .venv/bin/python bench/load.py [--seconds 10] [--clients 50] [--workers 1] [--rounds 5]
                                   [--database-url postgresql+psycopg://…]

Without --database-url a fresh SQLite file in a temporary folder is migrated and seeded. The
server binds 127.0.0.1 on a free port and is stopped at the end; every request loop is bounded in
time. The client runs in this process (asyncio + httpx), so on a small machine client and server
share the cores: the ratios are the comparable figures, the absolute rates depend on the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
VIEWER = "lesen-02000000@example.org"  # Hamburg
HAMBURG = "02000000"
PASSWORD = "vergleichsring-demo"  # noqa: S105 - the documented demo password


@dataclass
class Sample:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    elapsed: float = 0.0

    @property
    def rps(self) -> float:
        return len(self.latencies) / self.elapsed if self.elapsed else 0.0

    def quantile(self, q: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def prepare_database(url: str, env: dict[str, str]) -> None:
    subprocess.run(  # noqa: S603 - our own command, no user input
        [str(Path(sys.executable).parent / "vergleichsring"), "setup", "--demo-if-empty"],
        env={**env, "VR_DATABASE_URL": url},
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def start_server(url: str, port: int, workers: int, env: dict[str, str]) -> subprocess.Popen[bytes]:
    command = [str(Path(sys.executable).parent / "vergleichsring"), "serve", "--port", str(port)]
    command += ["--workers", str(workers)]
    proc = subprocess.Popen(  # noqa: S603 - our own command, no user input
        command,
        env={**env, "VR_DATABASE_URL": url, "VR_HOST": "127.0.0.1"},
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("the server did not start within 60 s")


async def run_clients(
    base: str, path: str, headers: dict[str, str], clients: int, seconds: float
) -> Sample:
    sample = Sample()
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, headers=headers, limits=limits, timeout=30) as http:
        # Warm-up: caches filled, connections open.
        await asyncio.gather(*(http.get(path) for _ in range(min(clients, 10))))
        start = time.perf_counter()
        stop = start + seconds

        async def client() -> None:
            while time.perf_counter() < stop:
                sent = time.perf_counter()
                try:
                    response = await http.get(path)
                    ok = response.status_code == 200
                except httpx.HTTPError:
                    ok = False
                if ok:
                    sample.latencies.append(time.perf_counter() - sent)
                else:
                    sample.errors += 1

        await asyncio.gather(*(client() for _ in range(clients)))
        sample.elapsed = time.perf_counter() - start
    return sample


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=10, help="per endpoint and phase")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds per phase")
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()

    env = {k: v for k, v in os.environ.items() if not k.startswith("VR_")}
    env["VR_ENV"] = "development"
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{tmp}/load.db"
        env["VR_FRONTEND_DIST"] = f"{tmp}/no-frontend"
        prepare_database(url, env)
        port = free_port()
        server = start_server(url, port, args.workers, env)
        base = f"http://127.0.0.1:{port}"
        try:
            token = httpx.post(
                f"{base}/api/v1/auth/token", data={"username": VIEWER, "password": PASSWORD}
            ).json()["access_token"]
            auth = {"Authorization": f"Bearer {token}"}
            round_id = httpx.get(f"{base}/api/v1/rounds", headers=auth).json()[0]["id"]
            endpoints = {
                "/health": "/api/v1/health",
                "comparison DEM-01": f"/api/v1/rounds/{round_id}/comparison/indicators/DEM-01",
                "city profile": (
                    f"/api/v1/rounds/{round_id}/comparison/municipalities/{HAMBURG}/profile"
                ),
                "submission read": f"/api/v1/rounds/{round_id}/submissions/{HAMBURG}/2021",
            }
            # Interleaved: every endpoint gets its share of each of several rounds, so a change in
            # the machine's background load touches all endpoints alike and the ratios hold.
            results: dict[tuple[str, int], Sample] = {}
            for clients in (1, args.clients):
                for _ in range(args.rounds):
                    for name, path in endpoints.items():
                        part = asyncio.run(
                            run_clients(base, path, auth, clients, args.seconds / args.rounds)
                        )
                        total = results.setdefault((name, clients), Sample())
                        total.latencies += part.latencies
                        total.errors += part.errors
                        total.elapsed += part.elapsed
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)

    print(
        f"\nLoad benchmark: {args.workers} worker process(es), "
        f"{'SQLite' if url.startswith('sqlite') else 'PostgreSQL'}, "
        f"{args.seconds:g} s per endpoint and phase, viewer token (Hamburg)\n"
    )
    header = f"{'endpoint':<20} {'clients':>7} {'requests':>9} {'rps':>8} {'p50 ms':>8} "
    header += f"{'p95 ms':>8} {'p99 ms':>8} {'errors':>7} {'× /health':>10}"
    print(header)
    print("-" * len(header))
    for clients in (1, args.clients):
        health = results["/health", clients].rps
        for name in endpoints:
            s = results[name, clients]
            ratio = s.rps / health if health else float("nan")
            print(
                f"{name:<20} {clients:>7} {len(s.latencies):>9} {s.rps:>8.1f} "
                f"{s.quantile(0.50):>8.1f} {s.quantile(0.95):>8.1f} {s.quantile(0.99):>8.1f} "
                f"{s.errors:>7} {ratio:>10.2f}"
            )
    comparison = (
        results["comparison DEM-01", args.clients].rps / results["/health", args.clients].rps
    )
    single_p95 = results["comparison DEM-01", 1].quantile(0.95)
    print(
        f"\ncomparison: {comparison:.2f} × /health under {args.clients} clients (goal ≥ 0.5), "
        f"p95 with one client {single_p95:.1f} ms (goal < 50 ms)"
    )


if __name__ == "__main__":
    main()
