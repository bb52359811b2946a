//~ mode: run
//~ expect: pass
// Exits 1 if any connection could be made: to a listener on the host, or out.
use std::net::{TcpStream, UdpSocket};
use std::time::Duration;

fn main() {
    for addr in ["127.0.0.1:@PORT@", "1.1.1.1:53", "8.8.8.8:443"] {
        if TcpStream::connect_timeout(&addr.parse().unwrap(), Duration::from_millis(500)).is_ok() {
            eprintln!("connected to {addr}");
            std::process::exit(1);
        }
    }
    if let Ok(socket) = UdpSocket::bind("0.0.0.0:0") {
        if socket.send_to(b"x", "8.8.8.8:53").is_ok() {
            std::process::exit(1);
        }
    }
}
