import { loadPackageDefinition, type GrpcObject, type MethodDefinition, type ServiceDefinition } from '@grpc/grpc-js';
// The light build reads JSON descriptors only; the .proto parser and reflection extensions stay out of the start.
import protobuf from 'protobufjs/light.js';
import pluginProtocol from './pluginProtocol.json' with { type: 'json' };

/** The services Grafana (through go-plugin) calls on a plugin. */
const servicePaths = [
  'pluginv2.Data',
  'pluginv2.Diagnostics',
  'pluginv2.Resource',
  'grpc.health.v1.Health',
  'plugin.GRPCController',
  'plugin.GRPCStdio',
  'plugin.GRPCBroker',
] as const;

/**
 * How messages look to handlers, as @grpc/proto-loader gave them before: field names as in the
 * .proto, int64 as number, enums as their names, unset fields as defaults, oneofs named.
 */
const decodedShape: protobuf.IConversionOptions = { longs: Number, enums: String, defaults: true, oneofs: true };

function serializer(type: protobuf.Type) {
  return (value: unknown): Buffer =>
    Buffer.isBuffer(value) ? value : Buffer.from(type.encode(type.fromObject(value as object)).finish());
}

function deserializer(type: protobuf.Type) {
  return (bytes: Buffer): unknown => type.toObject(type.decode(bytes), decodedShape);
}

function methodDefinition(service: string, method: protobuf.Method): MethodDefinition<unknown, unknown> {
  method.resolve();
  const requestType = method.resolvedRequestType!;
  const responseType = method.resolvedResponseType!;
  return {
    path: `/${service}/${method.name}`,
    requestStream: method.requestStream === true,
    responseStream: method.responseStream === true,
    requestSerialize: serializer(requestType),
    requestDeserialize: deserializer(requestType),
    responseSerialize: serializer(responseType),
    responseDeserialize: deserializer(responseType),
    originalName: method.name,
  };
}

/**
 * The plugin protocol as gRPC service definitions and client constructors, from the JSON descriptors
 * in pluginProtocol.json (made from proto/*.proto by proto/writeProtocolJson.ts). protobufjs
 * generates each message's encoder and decoder on its first use, not here.
 */
export function loadProtocol(): GrpcObject {
  // Not Root.fromJSON: it resolves every type at once, generating each one's constructor with
  // new Function (which no code cache covers); types resolve on their first message instead.
  // JSON imports type enums and field rules as plain strings, wider than protobufjs's descriptor types.
  const root = new protobuf.Root().addJSON((pluginProtocol as protobuf.INamespace).nested!);
  const definitions: Record<string, ServiceDefinition> = {};
  for (const path of servicePaths) {
    const service = root.lookupService(path);
    definitions[path] = Object.fromEntries(
      service.methodsArray.map((method) => [method.name, methodDefinition(path, method)])
    );
  }
  return loadPackageDefinition(definitions);
}
