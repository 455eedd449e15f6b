"""Jupyter's kernel conformance suite (Debian: python3-jupyter-kernel-test) against the reglab kernel.

Not part of `npm test` (it needs Python and Jupyter): run `bash scripts/kernel-conformance.sh`,
which installs the kernel spec into a temporary Jupyter data directory first. Everything the
kernel supports is listed; the pager and clear_output are not offered by tslab and stay skipped.
"""
import unittest

import jupyter_kernel_test


class ReglabKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "reglab"
    language_name = "typescript"
    file_extension = ".ts"

    code_hello_world = 'console.log("hello, world")'
    code_stderr = 'console.error("to stderr")'

    # tslab's TypeScript completions: members of Math starting with "ab"
    completion_samples = [{"text": "Math.ab", "matches": {"abs"}}]

    complete_code_samples = ["1", "const x = 1;", "function f(a: number) {\n  return a;\n}"]
    incomplete_code_samples = ["for (;;) {", "function f(a: number,", "const s = `abc"]
    invalid_code_samples = ["const = ;", "let 1x = 2;", "function () {}"]

    code_generate_error = 'throw new Error("failure")'

    code_execute_result = [
        {"code": "1 + 2", "result": "3"},
        {"code": '"a" + "b"', "result": "'ab'"},
        {"code": "[1, 2].map((x) => x * 10)", "result": "[ 10, 20 ]"},
    ]
    code_display_data = [
        {"code": 'import * as tslab from "tslab";\ntslab.display.html("<b>bold</b>");', "mime": "text/html"},
        {"code": 'import * as tslab from "tslab";\ntslab.display.markdown("**bold**");', "mime": "text/markdown"},
    ]

    supported_history_operations = ("tail", "range", "search")
    code_history_pattern = "1*"

    code_inspect_sample = "Math"


if __name__ == "__main__":
    unittest.main()
