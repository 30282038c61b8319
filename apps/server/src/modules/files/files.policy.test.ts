import { describe, expect, it } from 'vitest';
import { defaultPurpose, inlineDisposition, mayAttachToOrder, purposesFor, sniffMime, storedName } from './files.policy.js';

const bytes = (...parts: (number[] | string)[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
/** An ISO-BMFF ftyp box: size, "ftyp", major brand, minor version, compatible brands. */
const ftyp = (major: string, ...compatible: string[]) => {
  const size = 16 + 4 * compatible.length;
  return bytes([0, 0, 0, size], 'ftyp', major, [0, 0, 0, 0], compatible.join(''), 'more boxes follow');
};

describe('sniffMime: the type is what the bytes are', () => {
  it('recognises JPEG, PNG, WebP, PDF and HEIC by their first bytes', () => {
    expect(sniffMime(bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF'))).toBe('image/jpeg');
    expect(sniffMime(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'IHDR'))).toBe('image/png');
    expect(sniffMime(bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '))).toBe('image/webp');
    expect(sniffMime(bytes('%PDF-1.7\n%âãÏÓ'))).toBe('application/pdf');
    expect(sniffMime(ftyp('heic', 'mif1', 'heic'))).toBe('image/heic');
    // A generic HEIF major brand is HEIC when a compatible brand says so.
    expect(sniffMime(ftyp('mif1', 'mif1', 'heic'))).toBe('image/heic');
  });

  it('refuses anything else, however it is named: text, other RIFF and ISO media, truncated signatures, nothing', () => {
    expect(sniffMime(bytes('just some text pretending to be a .png'))).toBeNull();
    expect(sniffMime(bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt '))).toBeNull();
    expect(sniffMime(ftyp('isom', 'isom', 'mp41'))).toBeNull();
    expect(sniffMime(ftyp('avif', 'mif1', 'avif'))).toBeNull();
    expect(sniffMime(ftyp('mif1', 'mif1', 'avif'))).toBeNull();
    expect(sniffMime(bytes([0x89, 0x50, 0x4e, 0x47]))).toBeNull();
    expect(sniffMime(bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffMime(Buffer.alloc(0))).toBeNull();
  });
});

describe('storedName', () => {
  it('keeps the last path segment without control characters', () => {
    expect(storedName('C:\\Users\\张三\\漏水照片.jpg', 'image/jpeg')).toBe('漏水照片.jpg');
    expect(storedName('../../etc/passwd.png', 'image/png')).toBe('passwd.png');
    expect(storedName('a\u0000b\nc.pdf', 'application/pdf')).toBe('abc.pdf');
  });

  it('names a nameless photo by its type, and shortens a long name keeping the extension', () => {
    expect(storedName(undefined, 'image/heic')).toBe('photo.heic');
    expect(storedName('  ', 'application/pdf')).toBe('document.pdf');
    const long = storedName(`${'很'.repeat(300)}.webp`, 'image/webp');
    expect(long).toHaveLength(200);
    expect(long.endsWith('.webp')).toBe(true);
  });
});

describe('purposes', () => {
  it('a work order\'s file is a completion photo unless said otherwise; a ticket\'s is a photo or document by type', () => {
    expect(defaultPurpose('work_order', 'image/png')).toBe('completion');
    expect(defaultPurpose('ticket', 'image/png')).toBe('photo');
    expect(defaultPurpose('ticket', 'application/pdf')).toBe('document');
    expect(purposesFor('ticket')).not.toContain('completion');
    expect(purposesFor('work_order')).toContain('completion');
  });
});

describe('mayAttachToOrder', () => {
  const order = { project_id: 'pA', team_id: 'team1', technician_id: 'tech1', status: 'working' };
  const team = { leaderId: 'leader', memberIds: ['leader', 'tech1', 'tech2'] };
  it('lets the order\'s technician, the team leader and a dispatcher of the project attach', () => {
    expect(mayAttachToOrder(order, team, 'tech1', [])).toBe(true);
    expect(mayAttachToOrder(order, team, 'leader', [])).toBe(true);
    expect(mayAttachToOrder(order, team, 'dispatcher', ['pA'])).toBe(true);
  });
  it('refuses a colleague of the same team, and a dispatcher of another project', () => {
    expect(mayAttachToOrder(order, team, 'tech2', [])).toBe(false);
    expect(mayAttachToOrder(order, team, 'dispatcher', ['pB'])).toBe(false);
  });
});

describe('inlineDisposition', () => {
  it('percent-encodes the UTF-8 name, including the characters RFC 5987 reserves', () => {
    expect(inlineDisposition('漏水 (1).png')).toBe("inline; filename*=UTF-8''%E6%BC%8F%E6%B0%B4%20%281%29.png");
    expect(inlineDisposition("it's*.pdf")).toBe("inline; filename*=UTF-8''it%27s%2A.pdf");
  });
});
