import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * Connects to a graft server's socket the way the native client does and asks it for 'graft --version',
 * printing each frame it gets back as TYPE:payload. Run by PeerCredentialsTest as another user
 * (setpriv), and as the server's own user for comparison. Single-file source: no classpath to read.
 */
public class PeerProbe {
    public static void main(String[] args) throws Exception {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(args[0]));
            DataOutputStream out = new DataOutputStream(Channels.newOutputStream(channel));
            byte[] request = (String.join("\0", "2", "test", "/", "22", "1", "--version", "0") + "\0")
                    .getBytes(StandardCharsets.UTF_8);
            try {
                out.writeByte('R');
                out.writeInt(request.length);
                out.write(request);
                out.flush();
            } catch (java.io.IOException e) {
                // A server that refuses may close before the request is written; its answer is still there to read.
            }
            DataInputStream in = new DataInputStream(Channels.newInputStream(channel));
            while (true) {
                int type;
                try {
                    type = in.readUnsignedByte();
                } catch (EOFException e) {
                    System.out.println("END");
                    return;
                }
                byte[] payload = new byte[in.readInt()];
                in.readFully(payload);
                System.out.println((char) type + ":" + (type == 'Q' ? Integer.toString(java.nio.ByteBuffer.wrap(payload)
                        .getInt()) : new String(payload, StandardCharsets.UTF_8).strip()));
                if (type == 'Q' || type == 'F') {
                    return;
                }
            }
        }
    }
}
