import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getAsset, isSea } from 'node:sea';
import { loadPackageDefinition, type GrpcObject } from '@grpc/grpc-js';
import { fromJSON, type Options } from '@grpc/proto-loader';
import protobuf from 'protobufjs';

const protoFiles = ['pluginv2.proto', 'goplugin.proto', 'health.proto'] as const;

const loaderOptions: Options = {
  keepCase: true,
  longs: Number,
  enums: String,
  defaults: true,
  oneofs: true,
};

/**
 * The .proto files ship inside the single executable as assets; in development and tests they are
 * read from backend/proto. Parsing happens once at start.
 */
function protoText(name: (typeof protoFiles)[number]): string {
  if (isSea()) {
    return getAsset(name, 'utf8');
  }
  return readFileSync(fileURLToPath(new URL(`../../proto/${name}`, import.meta.url)), 'utf8');
}

export function loadProtocol(): GrpcObject {
  const root = new protobuf.Root();
  for (const name of protoFiles) {
    protobuf.parse(protoText(name), root, { keepCase: true });
  }
  return loadPackageDefinition(fromJSON(root.toJSON(), loaderOptions));
}
