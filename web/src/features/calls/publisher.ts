// What this tab sends in a group call: one RTCPeerConnection to the SFU with an audio and a video transceiver, the
// video in three simulcast layers so that each receiver gets the size it needs (the SFU picks a layer per receiver).
// The tracks can be swapped without a new offer (another microphone, the screen, the camera off: no track at all).

/** The simulcast layers: full size, half and a quarter (Janus's h, m and l; it numbers them 2, 1 and 0). */
export const simulcast: RTCRtpEncodingParameters[] = [
  { rid: 'h', maxBitrate: 900_000 },
  { rid: 'm', scaleResolutionDownBy: 2, maxBitrate: 300_000 },
  { rid: 'l', scaleResolutionDownBy: 4, maxBitrate: 100_000 },
]

export interface PublisherEvents {
  candidate: (candidate: RTCIceCandidate | null) => void
  link: (state: RTCPeerConnectionState) => void
}

export class Publisher {
  private readonly connection: RTCPeerConnection
  private readonly audio: RTCRtpTransceiver
  private readonly video: RTCRtpTransceiver

  /** `video`: the track to send now (the camera, the screen), or null to send no picture. */
  constructor(
    iceServers: RTCIceServer[],
    stream: MediaStream | null,
    video: MediaStreamTrack | null,
    events: PublisherEvents,
  ) {
    const connection = new RTCPeerConnection({ iceServers, bundlePolicy: 'max-bundle' })
    this.connection = connection
    const streams = stream ? [stream] : []
    this.audio = connection.addTransceiver(stream?.getAudioTracks()[0] ?? 'audio', { direction: 'sendonly', streams })
    // Always a video section, even without a camera now: the camera or the screen can come later by replaceTrack.
    this.video = connection.addTransceiver(video ?? 'video', {
      direction: 'sendonly',
      streams,
      sendEncodings: simulcast.map((encoding) => ({ ...encoding })),
    })
    connection.onicecandidate = (e) => events.candidate(e.candidate)
    connection.onconnectionstatechange = () => events.link(connection.connectionState)
  }

  /** The offer to publish with (the SFU answers it through Sfera). */
  async offer(): Promise<string> {
    await this.connection.setLocalDescription(await this.connection.createOffer())
    return this.connection.localDescription?.sdp ?? ''
  }

  async accept(answer: string) {
    if (this.connection.signalingState !== 'have-local-offer') return
    await this.connection.setRemoteDescription({ type: 'answer', sdp: answer })
  }

  async setAudio(track: MediaStreamTrack | null) {
    await this.audio.sender.replaceTrack(track)
  }

  async setVideo(track: MediaStreamTrack | null) {
    if (this.video.sender.track !== track) await this.video.sender.replaceTrack(track)
  }

  get state(): RTCPeerConnectionState {
    return this.connection.connectionState
  }

  close() {
    this.connection.onicecandidate = null
    this.connection.onconnectionstatechange = null
    this.connection.close()
  }
}
