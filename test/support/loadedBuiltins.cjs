// Preloaded (NODE_OPTIONS=--require) into a bundle under test: at exit, writes the Node builtins the process loaded,
// one a line, to the file named by LOADED_BUILTINS_FILE.
process.on("exit", () => {
  const loaded = process.moduleLoadList.filter((name) => name.startsWith("NativeModule "))
  require("node:fs").writeFileSync(process.env.LOADED_BUILTINS_FILE, loaded.map((name) => name.slice(13)).join("\n"))
})
