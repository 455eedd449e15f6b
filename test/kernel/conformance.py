"""Jupyter's kernel conformance suite (Debian: python3-jupyter-kernel-test) against the reglab kernel,
and Debian's nbclient (what nbconvert, nbmake and papermill run on) executing notebooks with it.

Not part of `npm test` (it needs Python and Jupyter): run `bash scripts/kernel-conformance.sh`,
which installs the kernel spec into a temporary Jupyter data directory first. Everything the
kernel supports is listed; the pager and clear_output are not offered by tslab and stay skipped.
"""
import os
import unittest

import jupyter_kernel_test
import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RUNS = int(os.environ.get("REGLAB_NBCLIENT_RUNS", "10"))


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


def notebook(*sources):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "reglab", "display_name": "TypeScript (reglab)", "language": "typescript"}
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    return nb


def run(nb):
    # nbclient starts the kernel in the notebook's folder: here, the repository's notebooks/
    client = NotebookClient(nb, kernel_name="reglab", timeout=120, resources={"metadata": {"path": os.path.join(ROOT, "notebooks")}})
    client.execute()
    return nb


class NbclientTests(unittest.TestCase):
    def test_every_line_of_a_3000_line_cell_in_every_run(self):
        kept = []
        for _ in range(RUNS):
            nb = run(notebook("for (let i = 0; i < 3000; i++) console.log(`line ${i}`);", "1 + 1", "const y = 2;", '"last"'))
            text = "".join(o.get("text", "") for o in nb.cells[0].outputs if o.output_type == "stream")
            kept.append(text.count("\n"))
            self.assertEqual(text, "".join(f"line {i}\n" for i in range(3000)))
            self.assertEqual([c.execution_count for c in nb.cells], [1, 2, 3, 4])
            self.assertEqual(nb.cells[1].outputs[0]["data"]["text/plain"], "2")
        print(f"\nnbclient: kept {kept} of 3000 lines in {RUNS} runs")

    def test_failure_message_names_the_error(self):
        nb = notebook("const ok = 1;", 'throw new RangeError("learning rate must be > 0; received -1");', "2")
        with self.assertRaises(CellExecutionError) as caught:
            run(nb)
        message = str(caught.exception)
        self.assertIn("RangeError", message)
        self.assertIn("learning rate must be > 0; received -1", message)
        self.assertEqual(nb.cells[1].outputs[0]["output_type"], "error")
        self.assertEqual(nb.cells[1].execution_count, 2)

    def test_compile_error_names_line_and_column(self):
        with self.assertRaises(CellExecutionError) as caught:
            run(notebook('const n: number = "text";'))
        self.assertIn("1:7 - Type 'string' is not assignable to type 'number'.", str(caught.exception))


if __name__ == "__main__":
    unittest.main()
