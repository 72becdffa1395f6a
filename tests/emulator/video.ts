// A tiny playable MP4 made in code: H.264 Baseline whose macroblocks are all I_PCM (raw samples,
// so no entropy coder or transform is needed), every frame an IDR picture, in an MP4 with the
// sample tables up front. Browsers play it like any reel; a coloured band moves across it.

/** Writes bits most significant first; Exp-Golomb codes as H.264 uses them. */
class Bits {
  private bytes: number[] = [];
  private cur = 0;
  private n = 0;

  u(value: number, bits: number): void {
    for (let i = bits - 1; i >= 0; i--) this.bit((value >>> i) & 1);
  }
  bit(b: number): void {
    this.cur = (this.cur << 1) | b;
    if (++this.n === 8) this.flush();
  }
  ue(value: number): void {
    const v = value + 1;
    const len = Math.floor(Math.log2(v));
    this.u(0, len);
    this.u(v, len + 1);
  }
  se(value: number): void {
    this.ue(value <= 0 ? -2 * value : 2 * value - 1);
  }
  align(): void {
    while (this.n !== 0) this.bit(0);
  }
  get aligned(): boolean {
    return this.n === 0;
  }
  byte(b: number): void {
    this.u(b, 8);
  }
  /** rbsp_trailing_bits: a stop bit, then zeros to the byte boundary. */
  trailing(): Buffer {
    this.bit(1);
    this.align();
    return Buffer.from(this.bytes);
  }
  private flush(): void {
    this.bytes.push(this.cur & 0xff);
    this.cur = 0;
    this.n = 0;
  }
}

/** A NAL unit: header byte, then the payload with emulation-prevention bytes inserted. */
function nal(refIdc: number, type: number, rbsp: Buffer): Buffer {
  const out: number[] = [(refIdc << 5) | type];
  let zeros = 0;
  for (const b of rbsp) {
    if (zeros >= 2 && b <= 3) {
      out.push(3);
      zeros = 0;
    }
    out.push(b);
    zeros = b === 0 ? zeros + 1 : 0;
  }
  return Buffer.from(out);
}

function sps(widthMbs: number, heightMbs: number): Buffer {
  const w = new Bits();
  w.byte(66); // Baseline
  w.byte(0xc0); // constraint_set0 and set1
  w.byte(30); // level 3.0
  w.ue(0); // seq_parameter_set_id
  w.ue(0); // log2_max_frame_num_minus4
  w.ue(2); // pic_order_cnt_type: output order = decoding order
  w.ue(1); // max_num_ref_frames
  w.bit(0); // gaps_in_frame_num_value_allowed_flag
  w.ue(widthMbs - 1);
  w.ue(heightMbs - 1);
  w.bit(1); // frame_mbs_only_flag
  w.bit(1); // direct_8x8_inference_flag
  w.bit(0); // frame_cropping_flag
  w.bit(0); // vui_parameters_present_flag
  return nal(3, 7, w.trailing());
}

function pps(): Buffer {
  const w = new Bits();
  w.ue(0); // pic_parameter_set_id
  w.ue(0); // seq_parameter_set_id
  w.bit(0); // entropy_coding_mode_flag: CAVLC
  w.bit(0); // bottom_field_pic_order_in_frame_present_flag
  w.ue(0); // num_slice_groups_minus1
  w.ue(0); // num_ref_idx_l0_default_active_minus1
  w.ue(0); // num_ref_idx_l1_default_active_minus1
  w.bit(0); // weighted_pred_flag
  w.u(0, 2); // weighted_bipred_idc
  w.se(0); // pic_init_qp_minus26
  w.se(0); // pic_init_qs_minus26
  w.se(0); // chroma_qp_index_offset
  w.bit(0); // deblocking_filter_control_present_flag
  w.bit(0); // constrained_intra_pred_flag
  w.bit(0); // redundant_pic_cnt_present_flag
  return nal(3, 8, w.trailing());
}

type Yuv = [number, number, number];

function yuv(rgb: [number, number, number]): Yuv {
  const [r, g, b] = rgb.map((c) => c / 255) as [number, number, number];
  const clamp = (v: number): number => Math.max(16, Math.min(235, Math.round(v)));
  return [
    clamp(16 + 65.481 * r + 128.553 * g + 24.966 * b),
    clamp(128 - 37.797 * r - 74.203 * g + 112 * b),
    clamp(128 + 112 * r - 93.786 * g - 18.214 * b),
  ];
}

/** One IDR picture, every macroblock I_PCM; `pixel(x, y)` gives each luma sample's colour. */
function idrSlice(widthMbs: number, heightMbs: number, idrPicId: number, pixel: (x: number, y: number) => Yuv): Buffer {
  const w = new Bits();
  w.ue(0); // first_mb_in_slice
  w.ue(7); // slice_type: I (all slices)
  w.ue(0); // pic_parameter_set_id
  w.u(0, 4); // frame_num
  w.ue(idrPicId); // idr_pic_id: consecutive IDR pictures differ
  w.bit(0); // no_output_of_prior_pics_flag
  w.bit(0); // long_term_reference_flag
  w.se(0); // slice_qp_delta
  for (let my = 0; my < heightMbs; my++) {
    for (let mx = 0; mx < widthMbs; mx++) {
      w.ue(25); // mb_type I_PCM
      w.align(); // pcm_alignment_zero_bit
      for (let y = 0; y < 16; y++) for (let x = 0; x < 16; x++) w.byte(pixel(mx * 16 + x, my * 16 + y)[0]);
      for (const plane of [1, 2] as const) {
        for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) w.byte(pixel(mx * 16 + x * 2, my * 16 + y * 2)[plane]);
      }
    }
  }
  return nal(3, 5, w.trailing());
}

function box(type: string, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length + 8, 0);
  head.write(type, 4, 'ascii');
  return Buffer.concat([head, body]);
}

function fullBox(type: string, version: number, flags: number, ...parts: Buffer[]): Buffer {
  const vf = Buffer.alloc(4);
  vf.writeUInt32BE(((version & 0xff) << 24) | (flags & 0xffffff), 0);
  return box(type, vf, ...parts);
}

function u32(...values: number[]): Buffer {
  const b = Buffer.alloc(values.length * 4);
  values.forEach((v, i) => b.writeUInt32BE(v >>> 0, i * 4));
  return b;
}

function u16(...values: number[]): Buffer {
  const b = Buffer.alloc(values.length * 2);
  values.forEach((v, i) => b.writeUInt16BE(v & 0xffff, i * 2));
  return b;
}

const MATRIX = u32(0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000);

/**
 * An MP4 of `frames` pictures of `width`×`height` (multiples of 16) at `fps`, in `rgb` with a
 * lighter band that moves from frame to frame.
 */
export function mp4(rgb: [number, number, number], opts: { width?: number; height?: number; frames?: number; fps?: number } = {}): Buffer {
  const width = opts.width ?? 48;
  const height = opts.height ?? 80;
  const frames = opts.frames ?? 12;
  const fps = opts.fps ?? 6;
  const wMbs = width / 16;
  const hMbs = height / 16;
  const base = yuv(rgb);
  const light = yuv([Math.min(255, rgb[0] + 90), Math.min(255, rgb[1] + 90), Math.min(255, rgb[2] + 90)]);
  const spsNal = sps(wMbs, hMbs);
  const ppsNal = pps();
  const samples: Buffer[] = [];
  for (let f = 0; f < frames; f++) {
    const bandAt = Math.round(((f + 0.5) / frames) * (width + height)) - height / 2;
    const slice = idrSlice(wMbs, hMbs, f % 2, (x, y) => (Math.abs(x + y / 2 - bandAt) < width / 6 ? light : base));
    samples.push(Buffer.concat([u32(slice.length), slice]));
  }
  const timescale = 1000;
  const delta = Math.round(timescale / fps);
  const duration = delta * frames;

  const avcC = box(
    'avcC',
    Buffer.from([1, spsNal[1] ?? 66, spsNal[2] ?? 0, spsNal[3] ?? 30, 0xff, 0xe1]),
    u16(spsNal.length),
    spsNal,
    Buffer.from([1]),
    u16(ppsNal.length),
    ppsNal,
  );
  const avc1 = box(
    'avc1',
    Buffer.alloc(6),
    u16(1), // data_reference_index
    Buffer.alloc(16), // pre_defined, reserved
    u16(width, height),
    u32(0x00480000, 0x00480000, 0),
    u16(1), // frame_count
    Buffer.alloc(32), // compressorname
    u16(0x0018, 0xffff),
    avcC,
  );
  const stbl = (chunkOffset: number): Buffer =>
    box(
      'stbl',
      fullBox('stsd', 0, 0, u32(1), avc1),
      fullBox('stts', 0, 0, u32(1, frames, delta)),
      fullBox('stsc', 0, 0, u32(1, 1, frames, 1)),
      fullBox('stsz', 0, 0, u32(0, frames, ...samples.map((s) => s.length))),
      fullBox('stco', 0, 0, u32(1, chunkOffset)),
    );
  const moov = (chunkOffset: number): Buffer =>
    box(
      'moov',
      fullBox('mvhd', 0, 0, u32(0, 0, timescale, duration, 0x00010000), u16(0x0100), Buffer.alloc(10), MATRIX, Buffer.alloc(24), u32(2)),
      box(
        'trak',
        fullBox('tkhd', 0, 3, u32(0, 0, 1, 0, duration, 0, 0), u16(0, 0, 0, 0), MATRIX, u32(width << 16, height << 16)),
        box(
          'mdia',
          fullBox('mdhd', 0, 0, u32(0, 0, timescale, duration), u16(0x55c4, 0)),
          fullBox('hdlr', 0, 0, u32(0), Buffer.from('vide', 'ascii'), Buffer.alloc(12), Buffer.from('VideoHandler\0', 'ascii')),
          box(
            'minf',
            fullBox('vmhd', 0, 1, Buffer.alloc(8)),
            box('dinf', fullBox('dref', 0, 0, u32(1), fullBox('url ', 0, 1))),
            stbl(chunkOffset),
          ),
        ),
      ),
    );
  const ftyp = box('ftyp', Buffer.from('isom', 'ascii'), u32(0x200), Buffer.from('isomiso2avc1mp41', 'ascii'));
  const moovSize = moov(0).length;
  const mdat = box('mdat', ...samples);
  return Buffer.concat([ftyp, moov(ftyp.length + moovSize + 8), mdat]);
}
