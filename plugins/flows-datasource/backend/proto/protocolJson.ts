import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import protobuf from 'protobufjs';

/** The plugin protocol's .proto files: Grafana's pluginv2, go-plugin's own services, gRPC health. */
export const protoFiles = ['pluginv2.proto', 'goplugin.proto', 'health.proto'] as const;

/**
 * The .proto files as protobufjs JSON descriptors, which src/protocol loads without a .proto parser:
 * parsing them and building proto-loader's reflection took most of the plugin's start.
 */
export function protocolJsonFromProtos(): protobuf.INamespace {
  const root = new protobuf.Root();
  for (const name of protoFiles) {
    protobuf.parse(readFileSync(join(import.meta.dirname, name), 'utf8'), root, { keepCase: true });
  }
  return root.toJSON();
}
