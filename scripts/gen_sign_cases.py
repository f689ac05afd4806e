#!/usr/bin/env python3
"""Generate runtime/tests/data/sign_cases.json with the official Python SDK's signatures.

Every case is signed by the SDK's own code: a `CommonClient` of
tencentcloud-sdk-python-common (pinned below) builds the request with
`AbstractClient._build_req_with_tc3_signature`, which builds the canonical request
(`_get_tc3_signature`) and signs it (`tencentcloud.common.sign.Sign.sign_tc3`), with the clock
fixed at the case's timestamp. The table records the exact body or query string the SDK
signed, the headers it set, and the `Authorization` it computed; runtime/tests/sign_compat.rs
checks that tencent_action::sign produces the same for every case.

Usage (from the repository root; the SDK is fetched from PyPI into .cache/, never committed):

    python3 scripts/gen_sign_cases.py            # (re)write the table
    python3 scripts/gen_sign_cases.py --check    # fail if the committed table differs

Two body styles are used for POST cases:
  - "sdk": the body exactly as the SDK sends it, `json.dumps(params)` (ASCII-escaped, with
    `", "` and `": "` separators); the Rust side signs those bytes as given (`raw_body`).
  - "compact": `json.dumps(params, ensure_ascii=False, separators=(",", ":"))` with keys
    sorted, which is byte for byte what serde_json writes for the same value; the Rust side
    also rebuilds the body from `params` with `Request::payload` and must get the same bytes.
GET cases use the SDK's own flattening and urlencode; their params hold no booleans and no
nulls (the SDK writes Python's `True`/`None` there, which the service does not expect) and
their keys are sorted, the order serde_json keeps.
"""

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
from unittest import mock

SDK = "tencentcloud-sdk-python-common"
SDK_VERSION = "3.1.189"

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TABLE = os.path.join(ROOT, "runtime", "tests", "data", "sign_cases.json")
SITE = os.path.join(ROOT, ".cache", "pysdk-%s" % SDK_VERSION)


def import_sdk():
    """Imports the pinned SDK, installing it (and `requests`, which it imports) under .cache/."""
    if not os.path.isdir(os.path.join(SITE, "tencentcloud")):
        subprocess.check_call(
            [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
             "--target", SITE, "%s==%s" % (SDK, SDK_VERSION)]
        )
    sys.path.insert(0, SITE)
    import tencentcloud
    from tencentcloud.common import abstract_client
    from tencentcloud.common.common_client import CommonClient
    from tencentcloud.common.credential import Credential
    from tencentcloud.common.http.request import RequestInternal
    from tencentcloud.common.profile.client_profile import ClientProfile
    from tencentcloud.common.profile.http_profile import HttpProfile

    if tencentcloud.__version__ != SDK_VERSION:
        sys.exit("expected %s %s, found %s" % (SDK, SDK_VERSION, tencentcloud.__version__))
    return abstract_client, CommonClient, Credential, RequestInternal, ClientProfile, HttpProfile


class CompactJson(object):
    """Stands in for the `json` module inside abstract_client for "compact" cases."""

    @staticmethod
    def dumps(params):
        return json.dumps(params, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


class EmptyJson(object):
    """Stands in for the `json` module inside abstract_client for the empty-body case."""

    @staticmethod
    def dumps(params):
        return ""


def sort_keys(value):
    if isinstance(value, dict):
        return {k: sort_keys(value[k]) for k in sorted(value)}
    if isinstance(value, list):
        return [sort_keys(v) for v in value]
    return value


ID = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE"
KEY = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE"
TOKEN = "da1e9d2ee9dda83506832d5ecb903b790132dfe340cfd3e6bcd1d6f2bc96c7a8a6d2dea1b5d2c2ab7b4e0c7a8d51fdc7"

SMS_PARAMS = {
    "PhoneNumberSet": ["+8618501234444", "+8618501234445"],
    "SmsSdkAppId": "1400006666",
    "SignName": "腾讯云",
    "TemplateId": "1110",
    "TemplateParamSet": ["4370"],
    "SessionContext": "outsid_1729495320_1011",
}
CVM_FILTERS = {
    "Limit": 1,
    "Filters": [{"Values": ["ap-guangzhou-3", "ap-guangzhou-4"], "Name": "zone"}],
    "Offset": 0,
}
CLS_CHAT = {
    "Model": "text2sql",
    "Messages": [{"Role": "user", "Content": "状态码200, 统计日志条数"}],
    "Stream": True,
}


def cases():
    """Every case: (name, fields). Fields not given take the defaults in `complete`."""
    yield "cvm describe instances, doc example timestamp", dict(
        service="cvm", version="2017-03-12", action="DescribeInstances",
        params=CVM_FILTERS, timestamp=1551113065)
    yield "cvm describe instances, compact body", dict(
        service="cvm", version="2017-03-12", action="DescribeInstances",
        params=CVM_FILTERS, timestamp=1551113065, body_style="compact")
    yield "cvm describe zones, empty object", dict(
        service="cvm", version="2017-03-12", action="DescribeZones", params={},
        timestamp=1700000000)
    yield "cvm describe zones, empty object compact", dict(
        service="cvm", version="2017-03-12", action="DescribeZones", params={},
        timestamp=1700000000, body_style="compact")
    yield "empty body", dict(
        service="cvm", version="2017-03-12", action="DescribeRegions", params={},
        timestamp=1700000001, body_style="empty")
    yield "sms send, unicode sign name, sdk escaping", dict(
        service="sms", version="2021-01-11", action="SendSms", params=SMS_PARAMS,
        timestamp=1729495320)
    yield "sms send, unicode sign name, raw utf-8", dict(
        service="sms", version="2021-01-11", action="SendSms", params=SMS_PARAMS,
        timestamp=1729495320, body_style="compact")
    yield "sms send with session token", dict(
        service="sms", version="2021-01-11", action="SendSms", params=SMS_PARAMS,
        timestamp=1729495321, token=TOKEN, body_style="compact")
    yield "sms send, english language", dict(
        service="sms", version="2021-01-11", action="SendSms", params=SMS_PARAMS,
        timestamp=1729495322, language="en-US")
    yield "sms send, no language header", dict(
        service="sms", version="2021-01-11", action="SendSms", params=SMS_PARAMS,
        timestamp=1729495323, language=None, body_style="compact")
    yield "cls chat completions, unicode content", dict(
        service="cls", version="2020-10-16", action="ChatCompletions", params=CLS_CHAT,
        timestamp=1775103178, body_style="compact")
    yield "cls chat completions, sdk escaping", dict(
        service="cls", version="2020-10-16", action="ChatCompletions", params=CLS_CHAT,
        timestamp=1775103178)
    yield "cls describe topics, shanghai", dict(
        service="cls", version="2020-10-16", action="DescribeTopics",
        params={"Offset": 0, "Limit": 20}, timestamp=1609459200, region="ap-shanghai",
        body_style="compact")
    yield "dcdb describe instances", dict(
        service="dcdb", version="2018-04-11", action="DescribeDCDBInstances",
        params={"InstanceIds": ["dcdbt-ow7t8lmc"], "Limit": 10}, timestamp=1640995199,
        body_style="compact")
    yield "dcdb, year end and token", dict(
        service="dcdb", version="2018-04-11", action="DescribeDCDBInstances", params={},
        timestamp=1640995200, token=TOKEN)
    yield "csip, no region", dict(
        service="csip", version="2022-11-21", action="DescribeCVMAssets",
        params={"Filter": {"Limit": 10, "Offset": 0}}, timestamp=1690000000, region="",
        body_style="compact")
    yield "csip, nested unicode and escapes", dict(
        service="csip", version="2022-11-21", action="DescribeRiskCenterAssetViewVULRiskList",
        params={"Filter": {"Filters": [{"Name": "名称", "Values": ["a\"b\\c\n\td", "é ü ß"]}]}},
        timestamp=1690000001, body_style="compact")
    yield "emoji and astral plane, sdk escaping", dict(
        service="cvm", version="2017-03-12", action="ModifyInstancesAttribute",
        params={"InstanceIds": ["ins-r8hr2upy"], "InstanceName": "web 😀 服务器"},
        timestamp=1700000002)
    yield "emoji and astral plane, raw utf-8", dict(
        service="cvm", version="2017-03-12", action="ModifyInstancesAttribute",
        params={"InstanceIds": ["ins-r8hr2upy"], "InstanceName": "web 😀 服务器"},
        timestamp=1700000002, body_style="compact")
    yield "numbers: big, negative, float", dict(
        service="cvm", version="2017-03-12", action="RunInstances",
        params={"Big": 9007199254740993, "Neg": -42, "Ratio": 0.25, "Flag": False, "Nothing": None},
        timestamp=1700000003, body_style="compact")
    yield "leap day", dict(
        service="cvm", version="2017-03-12", action="DescribeZones", params={},
        timestamp=1709164800 + 43200, body_style="compact")
    yield "last second of a day", dict(
        service="cvm", version="2017-03-12", action="DescribeZones", params={},
        timestamp=1735689599, body_style="compact")
    yield "first second of a year", dict(
        service="cvm", version="2017-03-12", action="DescribeZones", params={},
        timestamp=1735689600, body_style="compact")
    yield "far future, 2100", dict(
        service="cvm", version="2017-03-12", action="DescribeZones", params={},
        timestamp=4102444800, body_style="compact")
    yield "loopback endpoint over http", dict(
        service="sms", version="2021-01-11", action="SendSms", params=SMS_PARAMS,
        timestamp=1729495324, endpoint="127.0.0.1:8080", scheme="http", body_style="compact")
    yield "regional endpoint", dict(
        service="cvm", version="2017-03-12", action="DescribeInstances", params=CVM_FILTERS,
        timestamp=1700000004, endpoint="cvm.ap-shanghai.tencentcloudapi.com",
        region="ap-shanghai", body_style="compact")
    yield "other key, other id", dict(
        service="cvm", version="2017-03-12", action="DescribeZones", params={},
        timestamp=1700000005, secret_id="AKIDotherEXAMPLE0000000000000000000",
        secret_key="0123456789abcdefABCDEF+/=_-.~!", body_style="compact")
    yield "get, no params", dict(
        method="GET", service="cvm", version="2017-03-12", action="DescribeRegions",
        params={}, timestamp=1700000006)
    yield "get, doc example filters", dict(
        method="GET", service="cvm", version="2017-03-12", action="DescribeInstances",
        params=CVM_FILTERS, timestamp=1551113065)
    yield "get, unicode and reserved characters", dict(
        method="GET", service="cvm", version="2017-03-12", action="DescribeInstances",
        params={"Filters": [{"Name": "instance-name", "Values": ["web 服务器 & co=1/2?+~*"]}],
                "Limit": 5},
        timestamp=1700000007)
    yield "get with token and english", dict(
        method="GET", service="cls", version="2020-10-16", action="DescribeTopics",
        params={"Limit": 20, "Offset": 40}, timestamp=1700000008, token=TOKEN,
        language="en-US")
    yield "get, loopback over http", dict(
        method="GET", service="cvm", version="2017-03-12", action="DescribeInstances",
        params={"Limit": 2}, timestamp=1700000009, endpoint="127.0.0.1:18080", scheme="http")
    yield "get, sms, nested arrays", dict(
        method="GET", service="sms", version="2021-01-11", action="PullSmsSendStatus",
        params={"Limit": 10, "SmsSdkAppId": "1400006666", "Tags": [["a", "b"], ["c"]]},
        timestamp=1700000010)
    yield "get, dcdb, no region", dict(
        method="GET", service="dcdb", version="2018-04-11", action="DescribeDCDBInstances",
        params={"Limit": 1}, timestamp=1700000011, region="")
    yield "epoch", dict(
        service="cvm", version="2017-03-12", action="DescribeZones", params={},
        timestamp=0, body_style="compact")


def complete(name, fields):
    case = dict(
        name=name, method="POST", region="ap-guangzhou", language="zh-CN",
        endpoint=None, scheme="https", secret_id=ID, secret_key=KEY, token=None,
        body_style="sdk",
    )
    case.update(fields)
    if case["method"] == "GET":
        case["body_style"] = None
        case["params"] = sort_keys(case["params"])
    elif case["body_style"] == "compact":
        case["params"] = sort_keys(case["params"])
    return case


def sign(sdk, case):
    abstract_client, CommonClient, Credential, RequestInternal, ClientProfile, HttpProfile = sdk
    http = HttpProfile(endpoint=case["endpoint"], reqMethod=case["method"],
                       protocol=case["scheme"])
    profile = ClientProfile(httpProfile=http)
    profile.language = case["language"]  # None: the SDK leaves X-TC-Language out
    credential = Credential(case["secret_id"], case["secret_key"], case["token"])
    client = CommonClient(case["service"], case["version"], credential, case["region"], profile)

    req = RequestInternal(client._get_endpoint(), case["method"], client._requestPath)
    json_module = {"sdk": json, "compact": CompactJson, "empty": EmptyJson, None: json}
    with contextlib.ExitStack() as stack:
        stack.enter_context(mock.patch("time.time", return_value=case["timestamp"]))
        stack.enter_context(
            mock.patch.object(abstract_client, "json", json_module[case["body_style"]]))
        client._build_req_with_tc3_signature(case["action"], case["params"], req)

    auth = req.header["Authorization"]
    out = dict(case)
    out["host"] = req.header["Host"]
    out["content_type"] = req.header["Content-Type"]
    out["body"] = req.data if case["method"] == "POST" else ""
    out["query"] = req.data if case["method"] == "GET" else ""
    out["headers"] = {k: v for k, v in req.header.items()
                      if k.startswith("X-TC-") and k != "X-TC-RequestClient"}
    out["authorization"] = auth
    out["signature"] = auth.rsplit("Signature=", 1)[1]
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="compare with the committed table instead of writing it")
    args = parser.parse_args()

    sdk = import_sdk()
    table = {
        "generator": "scripts/gen_sign_cases.py",
        "sdk": "%s==%s" % (SDK, SDK_VERSION),
        "cases": [sign(sdk, complete(name, fields)) for name, fields in cases()],
    }
    text = json.dumps(table, ensure_ascii=False, indent=1) + "\n"
    if args.check:
        with open(TABLE, encoding="utf-8") as f:
            if f.read() != text:
                sys.exit("%s is out of date: run scripts/gen_sign_cases.py" % TABLE)
        print("%d cases match %s" % (len(table["cases"]), TABLE))
        return
    os.makedirs(os.path.dirname(TABLE), exist_ok=True)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=os.path.dirname(TABLE),
                                     delete=False) as f:
        f.write(text)
    os.replace(f.name, TABLE)
    print("wrote %d cases to %s" % (len(table["cases"]), TABLE))


if __name__ == "__main__":
    main()
