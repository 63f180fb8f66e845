/**
 * A ZIP archive writer, "stored" entries only (no compression): enough to hand a few text files back
 * as one download from the browser, with nothing to load. Written from the ZIP format's specification
 * (PKWARE APPNOTE.TXT, sections 4.3.7 local file header, 4.3.12 central directory header, 4.3.16 end of
 * central directory record); names are UTF-8 (general purpose bit 11). No ZIP64: the total stays under
 * 4 GiB and 65,535 entries, checked.
 */

export interface ZipFile {
	/** The path inside the archive, `/`-separated. */
	name: string;
	data: Uint8Array;
}

let table: Uint32Array | undefined;

/** CRC-32 (IEEE 802.3, the polynomial ZIP uses). */
export function crc32(data: Uint8Array): number {
	if (!table) {
		table = new Uint32Array(256);
		for (let n = 0; n < 256; n++) {
			let c = n;
			for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
			table[n] = c >>> 0;
		}
	}
	let crc = 0xffffffff;
	for (const byte of data) crc = table[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
	return (crc ^ 0xffffffff) >>> 0;
}

/** MS-DOS date and time fields of a date (local time, two-second resolution, 1980 at the earliest). */
function dosTime(date: Date): { time: number; day: number } {
	const year = Math.max(1980, date.getFullYear());
	return {
		time: (date.getHours() << 11) | (date.getMinutes() << 5) | (date.getSeconds() >> 1),
		day: ((year - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
	};
}

/** A file name that is safe to unpack: no absolute path, no `..`, no backslash, no control characters. */
export function safeName(name: string): string {
	const parts = name
		.replace(/\\/g, '/')
		.split('/')
		.map((p) => p.replace(/[\u0000-\u001f\u007f]/g, '_'))
		.filter((p) => p !== '' && p !== '.' && p !== '..');
	return parts.length > 0 ? parts.join('/') : 'file';
}

/** The archive's bytes. `date` stamps every entry (default: now). */
export function zipStore(files: readonly ZipFile[], date: Date = new Date()): Uint8Array<ArrayBuffer> {
	if (files.length > 0xffff) throw new Error('too many files for a ZIP archive without ZIP64');
	const encoder = new TextEncoder();
	const { time, day } = dosTime(date);
	const locals: Uint8Array[] = [];
	const centrals: Uint8Array[] = [];
	let offset = 0;
	for (const file of files) {
		const name = encoder.encode(safeName(file.name));
		const crc = crc32(file.data);
		const size = file.data.length;
		const local = new Uint8Array(30 + name.length);
		const l = new DataView(local.buffer);
		l.setUint32(0, 0x04034b50, true); // local file header signature
		l.setUint16(4, 20, true); // version needed to extract (2.0)
		l.setUint16(6, 0x0800, true); // flags: UTF-8 names
		l.setUint16(8, 0, true); // method: stored
		l.setUint16(10, time, true);
		l.setUint16(12, day, true);
		l.setUint32(14, crc, true);
		l.setUint32(18, size, true); // compressed size
		l.setUint32(22, size, true); // uncompressed size
		l.setUint16(26, name.length, true);
		l.setUint16(28, 0, true); // extra field length
		local.set(name, 30);
		const central = new Uint8Array(46 + name.length);
		const c = new DataView(central.buffer);
		c.setUint32(0, 0x02014b50, true); // central directory header signature
		c.setUint16(4, 20, true); // version made by
		c.setUint16(6, 20, true); // version needed
		c.setUint16(8, 0x0800, true);
		c.setUint16(10, 0, true);
		c.setUint16(12, time, true);
		c.setUint16(14, day, true);
		c.setUint32(16, crc, true);
		c.setUint32(20, size, true);
		c.setUint32(24, size, true);
		c.setUint16(28, name.length, true);
		// extra, comment, disk number, internal attributes: 0; external attributes: 0
		c.setUint32(42, offset, true); // offset of the local header
		central.set(name, 46);
		locals.push(local, file.data);
		centrals.push(central);
		offset += local.length + size;
		if (offset > 0xffffffff) throw new Error('the archive would pass 4 GiB, which needs ZIP64');
	}
	const centralSize = centrals.reduce((n, c) => n + c.length, 0);
	const end = new Uint8Array(22);
	const e = new DataView(end.buffer);
	e.setUint32(0, 0x06054b50, true); // end of central directory signature
	e.setUint16(8, files.length, true); // entries on this disk
	e.setUint16(10, files.length, true); // entries in total
	e.setUint32(12, centralSize, true);
	e.setUint32(16, offset, true); // where the central directory starts
	const out = new Uint8Array(offset + centralSize + end.length);
	let at = 0;
	for (const part of [...locals, ...centrals, end]) {
		out.set(part, at);
		at += part.length;
	}
	return out;
}
