import { BlockList, isIPv6 } from 'node:net';
import type { IpBlock } from '../policyTypes.ts';

/** Whether an address lies in an ipBlock's CIDR and outside its exceptions (IPv4 and IPv6). */
export function inBlock(block: IpBlock, ip: string): boolean {
  return contains(block.cidr, ip) && !(block.except ?? []).some((except) => contains(except, ip));
}

function contains(cidr: string, ip: string): boolean {
  const [network, bits] = cidr.split('/');
  const family = isIPv6(network!) ? 'ipv6' : 'ipv4';
  if ((family === 'ipv6') !== isIPv6(ip)) return false;
  const list = new BlockList();
  list.addSubnet(network!, Number(bits ?? (family === 'ipv6' ? 128 : 32)), family);
  return list.check(ip, family);
}
