// A stand-in engine process for the client's tests: a real child process that breaks the protocol
// in the way FAKE_ENGINE asks, so the client's validation and supervision face the real thing.
//   FAKE_ENGINE=reply FAKE_REPLY='<json>'  says ready, then answers every request but shutdown with that
//                                          JSON ("$ID" in it becomes the request's id)
//   FAKE_ENGINE=fail-start                 writes a reason to stderr and exits before it is ready
const mode = process.env.FAKE_ENGINE;

if (mode === 'fail-start') {
  process.stderr.write('Error: Cannot find module onnxruntime-node (fake)\n');
  process.exit(3);
}

if (mode === 'reply') {
  const template = process.env.FAKE_REPLY ?? 'null';
  process.on('message', (request: { type: string; id?: string }) => {
    if (request.type === 'shutdown') process.exit(0);
    process.send?.(JSON.parse(template.replaceAll('$ID', request.id ?? '')));
  });
  process.send?.({ type: 'ready' });
}
