"""toolrisk's Python source harness: a Python MCP server's tool list, as its own tools/list answers it.

Runs inside the scanner's sandbox (src/ingest/sandbox), never on the host: it imports third-party code.
It is run with `python3 -I` (no environment, no user site) and given the folders to import from
(`--path`: the server's source, the MCP SDK, the installed dependencies), then:

1. installs a last-resort import finder that turns a module the server's own code imports, and that
   cannot be imported (a dependency that was not installed), into a stub, and any module named with
   `--stub`; every stubbed module is reported;
2. replaces the SDK's low-level `Server.run` (what every transport of FastMCP and of the low-level API
   ends in) so that, when the server starts serving, it serves on in-memory streams instead and the
   SDK's own client asks it (initialize, tools/list to the last page: the server's lifespan and session
   as a real client meets them); when that fails (a lifespan that needs a real service), its ListTools
   handler is called directly. The answer is written as the SDK serializes a tool (by alias, JSON mode,
   no None), with which way answered, and the process ends;
3. starts the server: calls the entry point `module:function` with the given arguments (what its console
   script runs), or imports a module and lists the server instances its import created.

Before the SDK is imported, a model field that pydantic 2.12 and later refuse and older pydantic accepted
(an assigned default beside a `default_factory` that returns the same value, as FastMCP 2.3 to 2.9 declare
a setting) is accepted as older pydantic did; the server's code is not modified, and each such field is reported.
A name a newer Python's `typing` added (`typing.override`) that the server's own code imports is served from
typing_extensions, the backport, and reported.

The report, one JSON object on stdout, holds the result, the SDK version, the stubbed modules, the fields
accepted that way, and the tools whose signature or text touched a stub (their listing would not be what the real dependency
gives: the caller refuses them). Nothing here reads the network; the sandbox has none.
"""

import abc
import asyncio
import importlib
import importlib.abc
import importlib.machinery
import inspect
import json
import os
import sys
import types

STUB_MARK = "toolrisk-stub:"
REPORT_PREFIX = "toolrisk-harness-report:"
_stubbed = []
_real_stdout_fd = os.dup(1)


class _StubMeta(abc.ABCMeta):
    """
    Class-level attribute access, calls, indexing and iteration of a stub type give more stubs. An ABCMeta,
    so a server's class may derive from a stubbed class and from ABC at once (`class Symbol(Mixin, ABC)`).
    """

    def __getattr__(cls, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return _stub_type(f"{cls.__qualname__}.{name}")

    def __getitem__(cls, item):
        return cls

    def __iter__(cls):
        return iter(())

    def __or__(cls, other):
        return cls

    def __ror__(cls, other):
        return cls

    def __repr__(cls):
        return f"<{STUB_MARK}{cls.__qualname__}>"


class _StubBase(metaclass=_StubMeta):
    def __init__(self, *args, **kwargs):
        pass

    def __call__(self, *args, **kwargs):
        # A stub used as a decorator returns the function it decorates.
        if len(args) == 1 and not kwargs and callable(args[0]) and not isinstance(args[0], _StubBase):
            return args[0]
        return _StubBase()

    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return _StubBase()

    def __getitem__(self, item):
        return _StubBase()

    def __iter__(self):
        return iter(())

    def __bool__(self):
        return False

    def __len__(self):
        return 0

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        return False

    def __str__(self):
        return f"<{STUB_MARK}{type(self).__qualname__}>"

    __repr__ = __str__


def _stub_type(qualname):
    return _StubMeta(qualname.rsplit(".", 1)[-1], (_StubBase,), {"__qualname__": qualname, "__module__": "toolrisk_stub"})


class _StubModule(types.ModuleType):
    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        value = _stub_type(f"{self.__name__}.{name}")
        setattr(self, name, value)
        return value


class _StubLoader(importlib.abc.Loader):
    def __init__(self, recorded):
        # The name the record gives: the top-level module, or the dotted name asked for with --stub.
        self.recorded = recorded

    def create_module(self, spec):
        return _StubModule(spec.name)

    def exec_module(self, module):
        module.__path__ = []
        if self.recorded not in _stubbed:
            _stubbed.append(self.recorded)


class _StubFinder(importlib.abc.MetaPathFinder):
    """
    Last on sys.meta_path: only a module no other finder can import reaches it. It is stubbed when the
    server's own code imports it (the import statement is in a file under one of `own`) or when it is
    named in `always`; a library's optional import (`try: import x`) still fails as it would.
    """

    def __init__(self, own, always, never):
        self.own = [os.path.join(os.path.abspath(p), "") for p in own]
        self.always = always
        # The server's own packages are never stubbed: a module of them that is missing (a file its build
        # generates) must fail to import as it would, so the server's own fallback runs.
        self.never = set(never) | {
            name.split(".")[0] for p in own if os.path.isdir(p) for name in os.listdir(p) if not name.endswith(".dist-info")
        }

    def _imported_by_server(self):
        frame = sys._getframe(2)
        while frame is not None:
            filename = frame.f_code.co_filename
            if not filename.startswith("<frozen importlib") and "importlib" not in filename:
                return any(os.path.abspath(filename).startswith(p) for p in self.own)
            frame = frame.f_back
        return False

    def find_spec(self, fullname, path=None, target=None):
        top = fullname.split(".")[0]
        # A dotted name given with --stub is stubbed with everything under it, even inside a package that
        # is the server's own (a namespace package another distribution adds a module to).
        named = next((s for s in self.always if "." in s and (fullname == s or fullname.startswith(s + "."))), None)
        if named is not None:
            return importlib.machinery.ModuleSpec(fullname, _StubLoader(named), is_package=True)
        if top not in self.always and (top in self.never or (top not in _stubbed and not self._imported_by_server())):
            return None
        return importlib.machinery.ModuleSpec(fullname, _StubLoader(top), is_package=True)


def _touches_stub(value, depth=0):
    """Whether an annotation (or anything inside it) is a stub."""
    if depth > 8:
        return False
    if isinstance(value, type) and issubclass(value, _StubBase):
        return True
    if isinstance(value, _StubBase):
        return True
    for inner in getattr(value, "__args__", ()) or ():
        if _touches_stub(inner, depth + 1):
            return True
    for inner in getattr(value, "__metadata__", ()) or ():
        if _touches_stub(inner, depth + 1):
            return True
    origin = getattr(value, "__origin__", None)
    return origin is not None and origin is not value and _touches_stub(origin, depth + 1)


async def _framework_tools(owner):
    """(name, tool) pairs of a framework object: a tool manager's table, else its own tool listing."""
    tools = getattr(getattr(owner, "_tool_manager", None), "_tools", None)
    if isinstance(tools, dict) and tools:
        return list(tools.items())
    for getter, kwargs in (("list_tools", {"run_middleware": False}), ("list_tools", {}), ("get_tools", {})):
        method = getattr(owner, getter, None)
        if method is None:
            continue
        try:
            got = method(**kwargs)
            if inspect.isawaitable(got):
                got = await got
        except Exception as error:  # noqa: BLE001 - the check is then reported as not made
            print(f"toolrisk-harness: {getter}({kwargs}) of {type(owner).__name__} failed: {type(error).__name__}: {error}", file=sys.stderr)
            continue
        if isinstance(got, dict):
            return list(got.items())
        if isinstance(got, (list, tuple)) and got:
            return [(getattr(t, "name", None), t) for t in got]
    return []


async def _function_of(tool, depth=0):
    """The function behind a tool; a tool mounted from another server (FastMCP 3) is followed to it."""
    fn = getattr(tool, "fn", None)
    if fn is not None or depth > 5:
        return fn
    inner_server = getattr(tool, "_server", None)
    original = getattr(tool, "_original_name", None)
    if inner_server is None or original is None:
        return None
    for name, inner in await _framework_tools(inner_server):
        if name == original:
            return await _function_of(inner, depth + 1)
    return None


async def _tool_functions(server):
    """
    The Python functions behind the server's tools, where its framework keeps them: the SDK's FastMCP
    (1.x) and MCPServer (2.x) and standalone FastMCP 2.x in a tool manager's table, FastMCP 3.x behind its
    own list_tools (tools mounted from sub-servers followed to theirs). None when the framework is not one
    of these (a low-level server has no functions to inspect: its handler builds the schemas by hand).
    """
    owner = getattr(server, "_toolrisk_fastmcp", None) or getattr(server, "fastmcp", None) or getattr(server, "_toolrisk_owner", None)
    if owner is None:
        return None
    items = await _framework_tools(owner)
    if not items:
        return None
    return {name: await _function_of(tool) for name, tool in items}


async def _tools_touching_stubs(server):
    """The tools whose function's signature names a stub, and how many functions were inspected."""
    functions = await _tool_functions(server)
    if functions is None:
        return [], 0
    touching = []
    checked = 0
    for name, fn in functions.items():
        if fn is None:
            continue
        try:
            signature = inspect.signature(fn)
        except (TypeError, ValueError):
            continue
        checked += 1
        annotations = [p.annotation for p in signature.parameters.values()] + [signature.return_annotation]
        try:
            resolved = list(getattr(fn, "__annotations__", {}).values())
        except Exception:  # noqa: BLE001 - annotations of a stubbed module can be anything
            resolved = []
        if any(_touches_stub(a) for a in annotations + resolved):
            touching.append(name)
    return touching, checked


def _emit(report):
    data = (REPORT_PREFIX + json.dumps(report, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")
    os.write(_real_stdout_fd, data)
    os._exit(0)


def _fail(message):
    _emit({"error": message, "stubbed": _stubbed})


_pydantic_defaults = []


def _install_pydantic_compat():
    """
    A model field declared `x: Annotated[T, Field(default_factory=f)] = d` was accepted by pydantic before
    2.12 (the factory gives the default; `d` was kept but unused); pydantic 2.12 and later refuse it ("cannot
    specify both default and default_factory"). Such a declaration in a framework's settings (FastMCP 2.3 to
    2.9) stops a server pinned to it from starting on the only pydantic installed. The field is accepted as
    older pydantic did only when the assigned default equals what the zero-argument factory returns, so
    which of the two pydantic uses cannot change a value; every field so accepted is reported.
    """
    try:
        import typing

        from pydantic import fields
    except Exception:  # noqa: BLE001 - a server without pydantic needs nothing
        return
    holder = fields.FieldInfo
    original = holder.__dict__.get("from_annotated_attribute")
    if not isinstance(original, staticmethod):
        return
    original = original.__func__

    def factory_of(annotation):
        if typing.get_origin(annotation) is not typing.Annotated:
            return None
        for meta in reversed(annotation.__metadata__):
            if isinstance(meta, fields.FieldInfo) and meta.default_factory is not None:
                return meta.default_factory
        return None

    def from_annotated_attribute(annotation, default, *args, **kwargs):
        try:
            return original(annotation, default, *args, **kwargs)
        except TypeError as error:
            if "cannot specify both default and default_factory" not in str(error) or isinstance(default, fields.FieldInfo):
                raise
            factory = factory_of(annotation)
            try:
                # A factory that needs the validated data fails here: not the same.
                same = factory is not None and factory() == default
            except Exception:  # noqa: BLE001 - a factory that cannot run alone is not equivalent
                same = False
            if not same:
                raise
            caller = sys._getframe(1).f_locals
            owner, name = caller.get("cls"), caller.get("ann_name")
            where = f"{owner.__module__}.{owner.__qualname__}.{name}" if isinstance(owner, type) and isinstance(name, str) else repr(annotation)
            if where not in _pydantic_defaults:
                _pydantic_defaults.append(where)
            return holder.from_annotation(annotation, *args, **kwargs)

    holder.from_annotated_attribute = staticmethod(from_annotated_attribute)


_typing_backfills = []


def _install_typing_backfill(own):
    """
    A server may declare a newer Python than the sandbox's and use a name a newer `typing` added
    (`typing.override`, 3.12). typing_extensions carries those names for older Pythons (kept by CPython's
    typing maintainers as the backport). A name `typing` lacks is served from typing_extensions only when the
    server's own code (a file under `own`) asks for it; a library probing `typing` sees the real module. Every
    name so served is reported.
    """
    import typing

    try:
        import typing_extensions
    except Exception:  # noqa: BLE001 - nothing to serve from
        return
    folders = [os.path.join(os.path.abspath(p), "") for p in own]

    def __getattr__(name):
        caller = sys._getframe(1).f_code.co_filename
        if not name.startswith("_") and hasattr(typing_extensions, name) and any(os.path.abspath(caller).startswith(f) for f in folders):
            if name not in _typing_backfills:
                _typing_backfills.append(name)
            return getattr(typing_extensions, name)
        raise AttributeError(f"module 'typing' has no attribute {name!r}")

    typing.__getattr__ = __getattr__


_servers = []


def _install_hooks():
    from mcp.server.lowlevel import server as lowlevel
    import mcp.types as mtypes

    original_init = lowlevel.Server.__init__
    patched = set()

    def patch_run(cls):
        # Every class in the server's ancestry that defines its own `run` (a framework's subclass of the
        # SDK's Server overriding it, as FastMCP 3 does) ends in the listing; the real run it replaced is
        # what the session is served with. While answering, a patched run is the real one (a subclass's
        # run calling super().run).
        for klass in cls.__mro__:
            if klass in patched or "run" not in vars(klass) or not issubclass(klass, lowlevel.Server):
                continue
            patched.add(klass)
            original = vars(klass)["run"]

            async def list_and_exit(self, read_stream, write_stream, initialization_options, *args, _original=original, **kwargs):
                if _answering:
                    return await _original(self, read_stream, write_stream, initialization_options, *args, **kwargs)
                await _answer(self, mtypes, lambda: _ask_over_session(self, _original, initialization_options))

            klass.run = list_and_exit

    def recording_init(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        patch_run(type(self))
        _servers.append(self)
        # The framework object whose constructor built this server (`self._mcp_server = Server(...)` in a
        # FastMCP's __init__): where the tools' functions are kept, whatever the framework's version.
        frame = sys._getframe(1)
        for _ in range(6):
            if frame is None:
                break
            # A generic alias's call (`Server[T](...)`) runs in typing: its `self` is the alias, not the owner.
            owner = frame.f_locals.get("self") if frame.f_globals.get("__name__") != "typing" else None
            if owner is not None and owner is not self and not isinstance(owner, lowlevel.Server):
                # Its tool table may be set after the Server is built: looked up when the tools are listed.
                self._toolrisk_owner = owner
                break
            frame = frame.f_back

    lowlevel.Server.__init__ = recording_init
    patch_run(lowlevel.Server)

    try:
        from mcp.server.fastmcp import server as fastmcp_server

        original_fastmcp_init = fastmcp_server.FastMCP.__init__

        def recording_fastmcp_init(self, *args, **kwargs):
            original_fastmcp_init(self, *args, **kwargs)
            self._mcp_server._toolrisk_fastmcp = self

        fastmcp_server.FastMCP.__init__ = recording_fastmcp_init
    except ImportError:
        pass
    try:
        # SDK 2.x renamed its FastMCP to MCPServer.
        from mcp.server.mcpserver import server as mcpserver_server

        original_mcpserver_init = mcpserver_server.MCPServer.__init__

        def recording_mcpserver_init(self, *args, **kwargs):
            original_mcpserver_init(self, *args, **kwargs)
            lowlevel_server = getattr(self, "_lowlevel_server", None)
            if lowlevel_server is not None:
                lowlevel_server._toolrisk_fastmcp = self

        mcpserver_server.MCPServer.__init__ = recording_mcpserver_init
    except (ImportError, AttributeError):
        pass
    return mtypes


async def _next_page(session, cursor):
    """The next tools/list page: SDK 1.x takes the cursor as an argument, 2.x in the request's params."""
    try:
        return await session.list_tools(cursor=cursor)
    except TypeError:
        import mcp.types as mtypes

        return await session.list_tools(params=mtypes.PaginatedRequestParams(cursor=cursor))


async def _ask_over_session(server, original_run, initialization_options):
    """
    The server's real run (its lifespan, its session) on in-memory streams, asked by the SDK's own client:
    initialize, then tools/list to the last page. The answer is the client's parse of what the server sent.
    """
    import anyio
    from mcp.client.session import ClientSession
    from mcp.shared.memory import create_client_server_memory_streams

    tools = []
    async with create_client_server_memory_streams() as (client_streams, server_streams):
        async with anyio.create_task_group() as group:

            async def serve():
                await original_run(server, server_streams[0], server_streams[1], initialization_options, raise_exceptions=True)

            group.start_soon(serve)
            with anyio.fail_after(60):
                async with ClientSession(client_streams[0], client_streams[1]) as session:
                    await session.initialize()
                    cursor = None
                    while True:
                        page = await (_next_page(session, cursor) if cursor is not None else session.list_tools())
                        tools.extend(page.tools)
                        # SDK 1.x names the field nextCursor, 2.x next_cursor.
                        cursor = getattr(page, "nextCursor", None) or getattr(page, "next_cursor", None)
                        if not cursor:
                            break
            group.cancel_scope.cancel()
    return tools


_answering = False


async def _answer(server, mtypes, ask_over_session=None):
    """Over a session when the server's run can be used, else by calling its ListTools handler directly."""
    global _answering
    _answering = True
    answered_by = "handler"
    session_error = None
    payload = None
    if ask_over_session is not None:
        try:
            tools = await ask_over_session()
            payload = {"tools": [t.model_dump(by_alias=True, mode="json", exclude_none=True) for t in tools]}
            answered_by = "session"
        except BaseException as error:  # noqa: BLE001 - the direct handler is the fallback
            session_error = f"{type(error).__name__}: {error}"[:500]
    if payload is None:
        # SDK 1.x keeps handlers by request type; a server of another shape has no direct handler to call.
        handler = (getattr(server, "request_handlers", None) or {}).get(getattr(mtypes, "ListToolsRequest", None))
        if handler is None:
            _fail(f"the server registers no tools/list handler the harness can call directly (serving it failed: {session_error})")
        result = await handler(mtypes.ListToolsRequest(method="tools/list"))
        payload = result.model_dump(by_alias=True, mode="json", exclude_none=True)
    text = json.dumps(payload, ensure_ascii=False)
    touching, checked = await _tools_touching_stubs(server)
    _emit(
        {
            "result": payload,
            "server": getattr(server, "name", None),
            "stubbed": _stubbed,
            "pydanticDefaults": _pydantic_defaults,
            "typingBackfills": _typing_backfills,
            "toolsTouchingStubs": touching,
            "signaturesChecked": checked,
            "stubInOutput": STUB_MARK in text,
            "answeredBy": answered_by,
            "sessionError": session_error,
        }
    )


def main(argv):
    import argparse

    parser = argparse.ArgumentParser(prog="toolrisk-harness")
    parser.add_argument("--entry", help="module:function to call, as the console script does")
    parser.add_argument("--module", help="module to import; the server instances its import creates are listed")
    parser.add_argument("--own", action="append", default=[], help="the server's source folder: its failing imports are stubbed")
    parser.add_argument("--stub", action="append", default=[], help="a module to stub whoever imports it: a top-level name, or a dotted one (with what is under it)")
    parser.add_argument("--never-stub", action="append", default=[], help="top-level module that must import for real")
    parser.add_argument("--path", action="append", default=[], help="a folder to import from, in order (the server's source, the SDK, the installed dependencies)")
    parser.add_argument("--", dest="rest", nargs="*")
    args, rest = parser.parse_known_args(argv)
    if rest and rest[0] == "--":
        rest = rest[1:]
    # The server's own folders are copied to the writable temporary folder first: some servers write
    # beside their code (a log file), and the mounted source is read-only.
    import shutil
    import tempfile

    copies = {}
    for index, own in enumerate(args.own):
        copy = os.path.join(tempfile.gettempdir(), f"toolrisk-own-{index}")
        shutil.copytree(own, copy, symlinks=True)
        copies[os.path.abspath(own)] = copy
    args.path = [copies.get(os.path.abspath(p), p) for p in args.path]
    args.own = list(copies.values())
    sys.path[1:1] = args.path
    never = {"mcp", "fastmcp", "pydantic", "pydantic_core", "anyio", "typing_extensions", *args.never_stub}
    sys.meta_path.append(_StubFinder(args.own, set(args.stub), never))
    _install_pydantic_compat()
    _install_typing_backfill(args.own)
    mtypes = _install_hooks()
    import mcp

    try:
        from importlib.metadata import version

        sdk_version = version("mcp")
    except Exception:  # noqa: BLE001 - the SDK from source has no metadata
        sdk_version = getattr(mcp, "__version__", None)
    os.environ.setdefault("TOOLRISK_HARNESS_SDK", str(sdk_version))
    # The server's own output must not reach the report channel.
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    if args.entry:
        module_name, _, function_name = args.entry.partition(":")
        module = importlib.import_module(module_name)
        target = module
        for part in function_name.split("."):
            target = getattr(target, part)
        sys.argv = [module_name.split(".")[0], *rest]
        try:
            outcome = target()
            if inspect.iscoroutine(outcome):
                asyncio.run(outcome)
        except SystemExit as exit_:
            _fail(f"the entry point exited ({exit_.code}) before serving")
        _fail("the entry point returned before serving")
    elif args.module:
        sys.argv = [args.module, *rest]
        importlib.import_module(args.module)
        if not _servers:
            _fail(f"importing {args.module} created no MCP server")
        with_tools = [s for s in _servers if mtypes.ListToolsRequest in s.request_handlers]
        if len(with_tools) != 1:
            _fail(f"importing {args.module} created {len(with_tools)} servers with a tools/list handler, expected one")
        asyncio.run(_answer(with_tools[0], mtypes))
    else:
        _fail("give --entry or --module")


if __name__ == "__main__":
    try:
        main(sys.argv[1:])
    except BaseException as error:  # noqa: BLE001 - every failure becomes the report
        import traceback

        traceback.print_exc(file=sys.stderr)
        _fail(f"{type(error).__name__}: {error}")
