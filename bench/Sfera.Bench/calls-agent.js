// The calls benchmark's participants (bench/Sfera.Bench/CallsBench.cs), run in a blank Chromium page on the server's
// origin. Each participant is what one tab of the web app does in a call (web/src/features/calls): it calls Sfera's API
// with its own bearer token, sends the fake camera and microphone, and receives the others, with the same transceivers,
// simulcast encodings, trickling and signalling as publisher.ts, receiver.ts, group-media.ts, peer.ts and session.ts.
// Several participants share a page (one renderer process) and one camera capture (each sends a clone of its tracks).
(() => {
  const B = (window.bench = {})
  const parts = new Map()
  let local = null

  /** The simulcast layers of publisher.ts: full size, half and a quarter (Janus's h, m and l). */
  const simulcast = () => [
    { rid: 'h', maxBitrate: 900_000 },
    { rid: 'm', scaleResolutionDownBy: 2, maxBitrate: 300_000 },
    { rid: 'l', scaleResolutionDownBy: 4, maxBitrate: 100_000 },
  ]

  const wallNow = () => performance.timeOrigin + performance.now()
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

  /** The fake camera and microphone, opened once for the page. */
  B.open = async ({ width, height, fps }) => {
    local ??= await navigator.mediaDevices.getUserMedia({
      audio: true,
      video: { width: { ideal: width }, height: { ideal: height }, frameRate: { ideal: fps } },
    })
    const track = local.getVideoTracks()[0]
    return { ...track.getSettings(), capabilities: JSON.stringify(track.getCapabilities()) }
  }

  /** Stops the page's camera and microphone (the fake device opens again at another size on the next open). */
  B.close = () => {
    local?.getTracks().forEach((t) => t.stop())
    local = null
  }

  async function api(p, method, path, body) {
    const response = await fetch(path, {
      method,
      headers: { authorization: `Bearer ${p.token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await response.text()
    if (!response.ok) {
      const error = new Error(`${method} ${path}: ${response.status} ${text}`)
      error.status = response.status
      error.body = text
      throw error
    }
    return text ? JSON.parse(text) : null
  }

  const iceOf = (servers) => (servers ?? []).map((s) => ({ urls: s.urls, username: s.username ?? undefined, credential: s.credential ?? undefined }))

  /** trickle.ts: candidates wait for the SDP exchange, then go one after another; null (gathering complete) last. */
  function trickler(send) {
    let waiting = []
    let open = false
    let sending = Promise.resolve()
    const push = (c) => (sending = sending.then(() => send(c)).catch(() => undefined))
    return {
      add: (candidate) => {
        if (candidate && !candidate.candidate) return
        const c = candidate
          ? { candidate: candidate.candidate, sdpMid: candidate.sdpMid, sdpMLineIndex: candidate.sdpMLineIndex }
          : { candidate: null, sdpMid: null, sdpMLineIndex: null }
        if (open) push(c)
        else waiting.push(c)
      },
      start: () => {
        open = true
        const w = waiting
        waiting = []
        w.forEach(push)
      },
    }
  }

  /** My own copy of the camera and microphone; the microphone muted as the app mutes it (the track disabled: it still sends). */
  function tracksOf(p) {
    const audio = local.getAudioTracks()[0].clone()
    const video = local.getVideoTracks()[0].clone()
    audio.enabled = p.mic
    return new MediaStream([audio, video])
  }

  function newConnection(p) {
    return new RTCPeerConnection({ iceServers: p.ice, bundlePolicy: 'max-bundle', iceTransportPolicy: p.relay ? 'relay' : 'all' })
  }

  /** Resolves with the wall-clock time of the first decoded frame of any received video (polled every 20 ms). */
  async function firstFrame(pc, timeoutMs) {
    const until = performance.now() + timeoutMs
    while (performance.now() < until) {
      if (pc && pc.connectionState !== 'closed') {
        let decoded = 0
        ;(await pc.getStats()).forEach((r) => {
          if (r.type === 'inbound-rtp' && r.kind === 'video') decoded = Math.max(decoded, r.framesDecoded ?? 0)
        })
        if (decoded > 0) return wallNow()
      }
      await sleep(20)
    }
    throw new Error(`no decoded frame within ${timeoutMs} ms (state ${pc?.connectionState})`)
  }

  // ---- Group calls (group-media.ts): one sending connection to Janus, one receiving connection for everyone else.

  function groupPart(o) {
    const p = { id: o.id, token: o.token, base: o.base, mic: o.mic, camera: o.camera ?? true, dtx: o.dtx ?? false, relay: o.relay, callId: null, legId: null, ice: [], pub: null, sub: null, streams: [] }
    parts.set(o.id, p)
    return p
  }

  /** Starts the call (o.callId null) or joins it, as the tab's "start"/"join" does; returns the leg. */
  B.join = async (o) => {
    const p = groupPart(o)
    const joined = o.callId
      ? await api(p, 'POST', `${o.base}/${o.callId}/join`, { connectionId: null })
      : await api(p, 'POST', o.base, { video: true, connectionId: null })
    p.callId = joined.call.id
    p.legId = joined.legId
    p.ice = iceOf(joined.iceServers)
    p.path = `${o.base}/${p.callId}`
    return { callId: p.callId, legId: p.legId }
  }

  /** What Janus's answer says when its room has opus_dtx (Sfera's rooms do not): usedtx=1 in Opus's fmtp, so Chromium's
   * encoder sends a packet every 400 ms instead of every 20 ms while the microphone is silent or muted. */
  function withDtx(sdp) {
    const pt = /a=rtpmap:(\d+) opus\/48000/i.exec(sdp)?.[1]
    if (!pt) return sdp
    const fmtp = new RegExp(`a=fmtp:${pt} ([^\r\n]*)`)
    if (!fmtp.test(sdp)) return sdp.replace(new RegExp(`(a=rtpmap:${pt} [^\r\n]*)`), `$1\r\na=fmtp:${pt} usedtx=1`)
    return sdp.replace(fmtp, (line, params) => (params.includes('usedtx') ? line : `a=fmtp:${pt} ${params};usedtx=1`))
  }

  /** publisher.ts: audio and video transceivers, the video in three simulcast layers; the offer goes to Janus through Sfera. */
  B.publish = async (id) => {
    const p = parts.get(id)
    const stream = tracksOf(p)
    const pc = newConnection(p)
    pc.addTransceiver(stream.getAudioTracks()[0], { direction: 'sendonly', streams: [stream] })
    // Always a video section, as the app has; with the camera off it carries no track (nothing is sent).
    pc.addTransceiver(p.camera ? stream.getVideoTracks()[0] : 'video', { direction: 'sendonly', streams: [stream], sendEncodings: simulcast() })
    const trickle = trickler((c) => api(p, 'POST', `${p.path}/media/candidate`, { legId: p.legId, target: 'publisher', ...c }))
    pc.onicecandidate = (e) => trickle.add(e.candidate)
    p.pub = pc
    p.stream = stream
    await pc.setLocalDescription(await pc.createOffer())
    const { sdp } = await api(p, 'POST', `${p.path}/media/publish`, { legId: p.legId, sdp: pc.localDescription.sdp })
    await pc.setRemoteDescription({ type: 'answer', sdp: p.dtx ? withDtx(sdp) : sdp })
    trickle.start()
  }

  /** receiver.ts: the subscription to everyone who publishes; a fresh one gets a new connection, an update renegotiates. */
  B.subscribe = async (id) => {
    const p = parts.get(id)
    let offer
    try {
      offer = await api(p, 'POST', `${p.path}/media/subscribe`, { legId: p.legId, fresh: p.sub === null })
    } catch (error) {
      if (error.status === 409 && String(error.body).includes('nobody-publishing')) return { streams: [] }
      throw error
    }
    let pc = p.sub
    let trickle = null
    if (offer.fresh || !pc) {
      pc?.close()
      pc = newConnection(p)
      trickle = trickler((c) => api(p, 'POST', `${p.path}/media/candidate`, { legId: p.legId, target: 'subscriber', ...c }))
      pc.onicecandidate = (e) => trickle.add(e.candidate)
      p.sub = pc
    }
    await pc.setRemoteDescription({ type: 'offer', sdp: offer.sdp })
    for (const t of pc.getTransceivers()) if (offer.streams.some((s) => s.mid === t.mid)) t.direction = 'recvonly'
    await pc.setLocalDescription(await pc.createAnswer())
    await api(p, 'POST', `${p.path}/media/answer`, { legId: p.legId, sdp: pc.localDescription.sdp })
    trickle?.start()
    p.streams = offer.streams
    return { streams: offer.streams }
  }

  /** The layer (0 low, 1 medium, 2 high) or pause of each received video, as group-media.ts asks for them. */
  B.configure = async (id, layers) => {
    const p = parts.get(id)
    for (const l of layers)
      await api(p, 'POST', `${p.path}/media/configure`, { legId: p.legId, mid: l.mid, substream: l.send ? l.substream : null, send: l.send })
  }

  /** A latecomer: join, then publish and receive at once; the wall-clock times of each step and of the first decoded frame. */
  B.enter = async (o) => {
    const t0 = wallNow()
    await B.join(o)
    const joined = wallNow()
    let subscribed = 0
    await Promise.all([
      B.publish(o.id),
      (async () => {
        await B.subscribe(o.id)
        subscribed = wallNow()
      })(),
    ])
    const frame = await firstFrame(parts.get(o.id).sub, o.timeoutMs ?? 20000)
    return { join: joined - t0, subscribed: subscribed - t0, frame: frame - t0 }
  }

  /** The receiving connection failed (ICE or DTLS did not complete): a fresh subscription, as after a rejoin. */
  B.resubscribe = async (id) => {
    const p = parts.get(id)
    p.sub?.close()
    p.sub = null
    return B.subscribe(id)
  }

  /** Every participant in the page stops sending (the tracks taken off their senders, as the app does with the camera
   * off, so nothing is sent at all), or sends again: Janus's cost with the connections up and no media. */
  B.quiet = async (on) => {
    for (const p of parts.values()) {
      if (!p.pub) continue
      for (const sender of p.pub.getSenders()) {
        if (on) {
          sender.kept = sender.track
          await sender.replaceTrack(null)
        } else if (sender.kept) await sender.replaceTrack(sender.kept)
      }
    }
  }

  B.connected = (id) => {
    const p = parts.get(id)
    return { pub: p.pub?.connectionState ?? 'none', sub: p.sub?.connectionState ?? 'none' }
  }

  B.leave = async (id) => {
    const p = parts.get(id)
    if (!p) return
    parts.delete(id)
    p.pub?.close()
    p.sub?.close()
    p.stream?.getTracks().forEach((t) => t.stop())
    if (p.callId && p.legId) await api(p, 'POST', `${p.path}/leave`, { legId: p.legId }).catch(() => undefined)
  }

  /** Counters of every connection in the page: what goes out (to Janus or the peer) and what comes in. */
  B.stats = async () => {
    const s = { at: wallNow(), out: {}, in: {}, videoIn: {}, videoPackets: {}, audioPackets: {}, limited: {}, publishers: 0, cameras: 0, mics: 0 }
    const add = (o, k, v) => (o[k] = (o[k] ?? 0) + (v ?? 0))
    for (const p of parts.values()) {
      if (p.pub && p.pub.connectionState !== 'closed') {
        s.publishers++
        if (p.camera) s.cameras++
        if (p.mic) s.mics++
      }
      for (const [kind, pc] of [['pub', p.pub], ['sub', p.sub], ['peer', p.peer]]) {
        if (!pc || pc.connectionState === 'closed') continue
        ;(await pc.getStats()).forEach((r) => {
          if (r.type === 'outbound-rtp') {
            const key = r.kind === 'audio' ? (p.mic ? 'audio' : 'audio-muted') : `video-${r.rid ?? 'single'}`
            add(s.out, `${key}.packets`, r.packetsSent)
            add(s.out, `${key}.bytes`, r.bytesSent)
            add(s.out, `${key}.headerBytes`, r.headerBytesSent)
            if (r.kind === 'video') {
              add(s.out, `${key}.frames`, r.framesEncoded)
              add(s.out, `${key}.width`, r.frameWidth)
              add(s.out, `${key}.encodeTime`, r.totalEncodeTime)
              if (r.qualityLimitationReason && r.qualityLimitationReason !== 'none') add(s.limited, r.qualityLimitationReason, 1)
            }
          } else if (r.type === 'inbound-rtp') {
            add(s.in, `${r.kind}.packets`, r.packetsReceived)
            add(s.in, `${r.kind}.bytes`, r.bytesReceived)
            add(s.in, `${r.kind}.headerBytes`, r.headerBytesReceived)
            add(s.in, `${r.kind}.lost`, r.packetsLost)
            // Per received stream: packets Janus sent it (received or lost), to count the packets of each layer.
            const key = `${p.id}/${kind}/${r.mid}`
            if (r.kind === 'video') {
              add(s.in, 'video.frames', r.framesDecoded)
              s.videoIn[key] = r.framesDecoded ?? 0
              s.videoPackets[key] = (r.packetsReceived ?? 0) + (r.packetsLost ?? 0)
            } else s.audioPackets[key] = (r.packetsReceived ?? 0) + (r.packetsLost ?? 0)
          }
        })
      }
    }
    return s
  }

  // ---- Direct calls (session.ts, peer.ts): signalling through Sfera's /signal and the hub's CallSignal event.

  /** The hub, as little as it takes: a WebSocket straight to /hubs/chat with the JSON protocol; events go to `on`. */
  function hub(p) {
    return new Promise((resolve, reject) => {
      const url = `${location.origin.replace(/^http/, 'ws')}/hubs/chat?access_token=${encodeURIComponent(p.token)}`
      const ws = new WebSocket(url)
      let ready = false
      ws.onopen = () => ws.send('{"protocol":"json","version":1}\u001e')
      ws.onerror = () => reject(new Error('hub: socket error'))
      ws.onmessage = (e) => {
        for (const frame of String(e.data).split('\u001e')) {
          if (!frame) continue
          const m = JSON.parse(frame)
          if (!ready) {
            ready = true
            if (m.error) reject(new Error(`hub: ${m.error}`))
            else resolve(ws)
          } else if (m.type === 1) p.on(m.target, m.arguments[0])
          else if (m.type === 6) ws.send('{"type":6}\u001e')
        }
      }
    })
  }

  function directPart(o) {
    const p = { id: o.id, token: o.token, base: o.base, relay: o.relay, mic: true, callId: null, legId: null, ice: [], peer: null, queued: [] }
    // Signals heard before this tab knows its leg (the offer can beat the join's own answer) wait for it.
    p.early = []
    p.on = (target, e) => {
      if (target === 'CallSignal' && !p.legId) p.early.push(e)
      else if (target === 'CallSignal' && e.toLeg === p.legId) p.steps = p.steps.then(() => p.signalled(e)).catch(() => undefined)
      if (target === 'CallChanged' && p.callChanged) p.callChanged(e.call)
    }
    p.steps = Promise.resolve()
    p.sending = Promise.resolve()
    p.send = (signal) => (p.sending = p.sending.then(() => api(p, 'POST', `${p.path}/signal`, { legId: p.legId, ...signal })).catch(() => undefined))
    p.signalled = async (e) => {
      if (e.type === 'offer') {
        p.peer?.close()
        const pc = newPeer(p)
        await pc.setRemoteDescription({ type: 'offer', sdp: e.sdp })
        for (const t of p.stream.getTracks()) pc.addTrack(t, p.stream)
        const queued = p.queued
        p.queued = []
        for (const c of queued) await pc.addIceCandidate(c).catch(() => undefined)
        await pc.setLocalDescription(await pc.createAnswer())
        p.send({ type: 'answer', sdp: pc.localDescription.sdp })
      } else if (e.type === 'answer' && p.peer?.signalingState === 'have-local-offer') {
        await p.peer.setRemoteDescription({ type: 'answer', sdp: e.sdp })
        const queued = p.queued
        p.queued = []
        for (const c of queued) await p.peer.addIceCandidate(c).catch(() => undefined)
      } else if (e.type === 'candidate' && e.candidate) {
        const c = { candidate: e.candidate, sdpMid: e.sdpMid, sdpMLineIndex: e.sdpMLineIndex }
        if (p.peer?.remoteDescription) await p.peer.addIceCandidate(c).catch(() => undefined)
        else p.queued.push(c)
      }
    }
    parts.set(o.id, p)
    return p
  }

  function newPeer(p) {
    const pc = new RTCPeerConnection({ iceServers: p.ice, iceTransportPolicy: p.relay ? 'relay' : 'all' })
    pc.onicecandidate = (e) => {
      if (e.candidate?.candidate) p.send({ type: 'candidate', candidate: e.candidate.candidate, sdpMid: e.candidate.sdpMid, sdpMLineIndex: e.candidate.sdpMLineIndex })
    }
    p.peer = pc
    return pc
  }

  /** The caller's tab: its hub, then the call; once the other side has joined (CallChanged), the offer. */
  B.place = async (o) => {
    const p = directPart(o)
    p.stream = tracksOf(p)
    p.ws = await hub(p)
    p.offered = new Promise((resolve) => {
      p.callChanged = (call) => {
        const other = call.participants.find((x) => x.accountId !== o.accountId)
        if (p.legId && other?.state === 'Joined' && !p.offeredTo) {
          p.offeredTo = other.joinedAt
          p.steps = p.steps.then(async () => {
            const pc = newPeer(p)
            for (const t of p.stream.getTracks()) pc.addTrack(t, p.stream)
            await pc.setLocalDescription(await pc.createOffer())
            p.send({ type: 'offer', sdp: pc.localDescription.sdp })
            resolve()
          })
        }
      }
    })
    const started = await api(p, 'POST', o.base, { video: true, connectionId: null })
    p.callId = started.call.id
    p.legId = started.legId
    p.ice = iceOf(started.iceServers)
    p.path = `${o.base}/${p.callId}`
    return { callId: p.callId }
  }

  /** The callee's tab: its hub (open before the call rings), then, when told, the join; the answer follows the offer. */
  B.ready = async (o) => {
    const p = directPart(o)
    p.stream = tracksOf(p)
    p.ws = await hub(p)
  }

  /** Accepts; wall-clock milliseconds from the join request to the first decoded frame here and at the caller's page. */
  B.accept = async (id, callId) => {
    const p = parts.get(id)
    const t0 = wallNow()
    const joined = await api(p, 'POST', `${p.base}/${callId}/join`, { connectionId: null })
    p.callId = callId
    p.legId = joined.legId
    p.ice = iceOf(joined.iceServers)
    p.path = `${p.base}/${callId}`
    const early = p.early
    p.early = []
    early.forEach((e) => p.on('CallSignal', e))
    return t0
  }

  B.peerFrame = async (id, timeoutMs) => {
    const p = parts.get(id)
    const until = performance.now() + timeoutMs
    while (!p.peer && performance.now() < until) await sleep(5)
    // A new connection per offer: wait on whichever the tab holds.
    return firstFrame(p.peer, Math.max(0, until - performance.now()))
  }

  /** The pair of candidates in use: host or relay. */
  B.route = async (id) => {
    const pc = parts.get(id).peer
    const stats = await pc.getStats()
    let pair = null
    stats.forEach((r) => {
      if (r.type === 'transport' && r.selectedCandidatePairId) pair = stats.get(r.selectedCandidatePairId)
    })
    const localCandidate = pair && stats.get(pair.localCandidateId)
    return localCandidate ? `${localCandidate.candidateType}/${localCandidate.protocol}` : 'unknown'
  }

  B.hangUp = async (id) => {
    const p = parts.get(id)
    if (!p) return
    parts.delete(id)
    p.peer?.close()
    p.ws?.close()
    p.stream?.getTracks().forEach((t) => t.stop())
    if (p.callId && p.legId) await api(p, 'POST', `${p.path}/leave`, { legId: p.legId }).catch(() => undefined)
  }
})()
